import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Tooltip } from './Tooltip';

it('shows on hover', () => {
  render(<Tooltip label="hint" />);
  fireEvent.mouseEnter(screen.getByRole('button'));
  fireEvent.mouseLeave(screen.getByRole('button'));
});

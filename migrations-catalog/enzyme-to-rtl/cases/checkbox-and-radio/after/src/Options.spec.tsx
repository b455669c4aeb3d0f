import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Options } from './Options';

it('toggles', () => {
  render(<Options />);
  fireEvent.change(screen.getByRole('checkbox'), { target: { checked: true } });
  fireEvent.click(screen.getByRole('radio'));
});

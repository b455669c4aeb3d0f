import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Editor } from './Editor';

it('saves', () => {
  render(<Editor />);
  fireEvent.click(screen.getByTestId('save'));
  expect(screen.getByTestId('status').textContent).toBe('saved');
});

import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Toggle } from './Toggle';

it('toggles', () => {
  render(<Toggle />);
  expect(screen.getByRole('button').textContent).toBe('off');
  fireEvent.click(screen.getByRole('button'));
  expect(screen.getByRole('button').textContent).toBe('on');
});

import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Counter } from './Counter';

it('counts clicks', () => {
  render(<Counter />);
  fireEvent.click(screen.getByRole('button'));
  fireEvent.click(screen.getByRole('button'));
  expect(screen.getByRole('heading').textContent).toBe('Count: 2');
});

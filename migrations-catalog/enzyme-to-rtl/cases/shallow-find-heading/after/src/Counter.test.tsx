import React from 'react';
import { render, screen } from '@testing-library/react';
import { Counter } from './Counter';

it('has a heading', () => {
  render(<Counter />);
  expect(screen.getByRole('heading').textContent).toBe('Count: 0');
});

import React from 'react';
import { render, screen } from '@testing-library/react';
import { Counter } from './Counter';

it('keeps its state across prop changes', () => {
  const { rerender } = render(<Counter start={1} />);
  rerender(<Counter start={5} />);
  expect(screen.getByRole('heading').textContent).toBe('Count: 1');
});

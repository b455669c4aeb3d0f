import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Counter } from './Counter';

it('shows the start value', () => {
  const { container } = render(<Counter start={3} />);
  expect(container.textContent).toContain('Count: 3');
});

it('counts up on click', () => {
  render(<Counter />);
  fireEvent.click(screen.getByRole('button'));
  expect(screen.getByRole('heading').textContent).toBe('Count: 1');
});

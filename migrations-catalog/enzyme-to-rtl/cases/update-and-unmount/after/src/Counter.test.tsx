import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Counter } from './Counter';

it('unmounts cleanly', () => {
  const { container, unmount } = render(<Counter />);
  fireEvent.click(screen.getByRole('button'));
  expect(container.innerHTML).toContain('Count: 1');
  unmount();
});

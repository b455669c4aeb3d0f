import React from 'react';
import { render, screen } from '@testing-library/react';
import { List } from './List';

it('keeps the order', () => {
  render(<List items={['x', 'y']} />);
  expect(screen.getAllByRole('listitem')[0].textContent).toBe('x');
  expect(screen.getAllByRole('listitem')[1].textContent).toBe('y');
});

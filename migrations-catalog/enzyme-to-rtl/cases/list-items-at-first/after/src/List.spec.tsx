import React from 'react';
import { render, screen } from '@testing-library/react';
import { List } from './List';

it('lists', () => {
  render(<List items={['a', 'b', 'c']} />);
  expect(screen.getAllByRole('listitem')).toHaveLength(3);
  expect(screen.getAllByRole('listitem').length).toBe(3);
  expect(screen.getAllByRole('listitem')[0].textContent).toBe('a');
  expect(screen.getAllByRole('listitem')[2].textContent).toBe('c');
});

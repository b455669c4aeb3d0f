import React from 'react';
import { render, screen } from '@testing-library/react';
import { List } from './List';

it('renders every item', () => {
  render(<List items={['a', 'b', 'c']} />);
  expect(screen.getAllByRole('listitem')).toHaveLength(3);
  expect(screen.getAllByRole('listitem').length).toBe(3);
});

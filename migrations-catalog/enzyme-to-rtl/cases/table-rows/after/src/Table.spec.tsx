import React from 'react';
import { render, screen } from '@testing-library/react';
import { Users } from './Users';

it('has a row per user', () => {
  render(<Users users={[{ id: 1 }, { id: 2 }]} />);
  expect(screen.getByRole('table')).toBeTruthy();
  expect(screen.getAllByRole('row')).toHaveLength(3);
});

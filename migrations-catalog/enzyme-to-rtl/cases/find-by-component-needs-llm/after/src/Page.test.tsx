import React from 'react';
import { render, screen } from '@testing-library/react';
import { Page } from './Page';

it('passes the items', () => {
  render(<Page />);
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['home', 'about']);
});

import React from 'react';
import { render, screen } from '@testing-library/react';
import { Header } from './Header';

it('has a logo and a nav', () => {
  render(<Header />);
  expect(screen.getByRole('img')).toBeTruthy();
  expect(screen.getByRole('navigation').textContent).toContain('Docs');
});

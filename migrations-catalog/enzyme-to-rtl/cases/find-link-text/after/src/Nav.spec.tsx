import React from 'react';
import { render, screen } from '@testing-library/react';
import { Home } from './Home';

it('links home', () => {
  render(<Home />);
  expect(screen.getByRole('link').textContent).toBe('Home');
});

import React from 'react';
import { render, screen } from '@testing-library/react';
import { Panel } from './Panel';

it('renders a heading', () => {
  render(<Panel title="Stats" />);
  expect(screen.getByRole('heading').textContent).toBe('Stats');
});

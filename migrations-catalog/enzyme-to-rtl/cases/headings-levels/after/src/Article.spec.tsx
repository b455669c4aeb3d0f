import React from 'react';
import { render, screen } from '@testing-library/react';
import { Article } from './Article';

it('has a title', () => {
  render(<Article />);
  expect(screen.getByRole('heading').textContent).toBe('Title');
});

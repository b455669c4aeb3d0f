import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Name } from './Name';

it('greets', () => {
  render(<Name />);
  fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Ada' } });
  expect(screen.getByRole('heading').textContent).toBe('Hello Ada');
});

import React from 'react';
import { render, screen } from '@testing-library/react';
import { Total } from './Total';

it('formats cents', () => {
  render(<Total cents={1999} />);
  expect(screen.getByTestId('total').textContent).toBe('19.99');
});

import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Stepper } from './Stepper';

describe('Stepper', () => {
  it('starts at one', () => {
    render(<Stepper />);
    expect(screen.getByRole('heading').textContent).toBe('1');
  });

  it('steps', () => {
    render(<Stepper />);
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('heading').textContent).toBe('2');
  });
});

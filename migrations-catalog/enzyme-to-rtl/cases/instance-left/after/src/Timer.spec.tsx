import React from 'react';
import { render, screen } from '@testing-library/react';
import { Timer } from './Timer';

it('resets', () => {
  const wrapper = render(<Timer />);
  wrapper.instance().reset();
  expect(screen.getByRole('heading').textContent).toBe('0');
});

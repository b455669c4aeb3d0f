import React from 'react';
import { render, screen } from '@testing-library/react';
import { Login } from './Login';

it('submits', () => {
  const wrapper = render(<Login />);
  wrapper.find('form').simulate('submit');
  expect(screen.getByRole('heading').textContent).toBe('Welcome');
});

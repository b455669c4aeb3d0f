import React from 'react';
import { render } from '@testing-library/react';
import { Alert } from './Alert';

it('shows the error', () => {
  const wrapper = render(<Alert message="oops" />);
  expect(wrapper.find('.error').text()).toBe('oops');
});

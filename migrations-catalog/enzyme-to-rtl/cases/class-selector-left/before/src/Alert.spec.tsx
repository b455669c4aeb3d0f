import React from 'react';
import { mount } from 'enzyme';
import { Alert } from './Alert';

it('shows the error', () => {
  const wrapper = mount(<Alert message="oops" />);
  expect(wrapper.find('.error').text()).toBe('oops');
});

import React from 'react';
import { mount } from 'enzyme';
import { Login } from './Login';

it('submits', () => {
  const wrapper = mount(<Login />);
  wrapper.find('form').simulate('submit');
  expect(wrapper.find('h2').text()).toBe('Welcome');
});

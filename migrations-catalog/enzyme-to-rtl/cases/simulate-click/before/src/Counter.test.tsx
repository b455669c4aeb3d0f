import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('counts clicks', () => {
  const wrapper = mount(<Counter />);
  wrapper.find('button').simulate('click');
  wrapper.find('button').simulate('click');
  expect(wrapper.find('h2').text()).toBe('Count: 2');
});

import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('shows the start value', () => {
  const wrapper = mount(<Counter start={3} />);
  expect(wrapper.text()).toContain('Count: 3');
});

it('counts up on click', () => {
  const wrapper = mount(<Counter />);
  wrapper.find('button').simulate('click');
  expect(wrapper.find('h2').text()).toBe('Count: 1');
});

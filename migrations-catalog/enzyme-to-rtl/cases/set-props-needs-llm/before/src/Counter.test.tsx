import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('keeps its state across prop changes', () => {
  const wrapper = mount(<Counter start={1} />);
  wrapper.setProps({ start: 5 });
  expect(wrapper.find('h2').text()).toBe('Count: 1');
});

import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('unmounts cleanly', () => {
  const wrapper = mount(<Counter />);
  wrapper.find('button').simulate('click');
  wrapper.update();
  expect(wrapper.html()).toContain('Count: 1');
  wrapper.unmount();
});

import React from 'react';
import { mount } from 'enzyme';
import { Toggle } from './Toggle';

it('toggles', () => {
  const wrapper = mount(<Toggle />);
  expect(wrapper.state('on')).toBe(false);
  wrapper.find('button').simulate('click');
  expect(wrapper.state('on')).toBe(true);
});

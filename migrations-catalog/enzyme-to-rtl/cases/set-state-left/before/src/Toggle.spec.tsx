import React from 'react';
import { mount } from 'enzyme';
import { Toggle } from './Toggle';

it('turns on', () => {
  const wrapper = mount(<Toggle />);
  wrapper.setState({ on: true });
  expect(wrapper.state('on')).toBe(true);
});

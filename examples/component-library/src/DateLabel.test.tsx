import React from 'react';
import { mount } from 'enzyme';
import { DateLabel } from './DateLabel';

it('formats the date', () => {
  const wrapper = mount(<DateLabel date="2024-02-29T12:00:00Z" />);
  expect(wrapper.text()).toBe('2024-02-29');
});

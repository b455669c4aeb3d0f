import React from 'react';
import { mount } from 'enzyme';
import { Name } from './Name';

it('greets', () => {
  const wrapper = mount(<Name />);
  wrapper.find('input').simulate('change', { target: { value: 'Ada' } });
  expect(wrapper.find('h3').text()).toBe('Hello Ada');
});

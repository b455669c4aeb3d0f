import React from 'react';
import { mount } from 'enzyme';
import { Timer } from './Timer';

it('resets', () => {
  const wrapper = mount(<Timer />);
  wrapper.instance().reset();
  expect(wrapper.find('h2').text()).toBe('0');
});

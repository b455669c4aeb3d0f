import React from 'react';
import { mount } from 'enzyme';
import { List } from './List';

it('keeps the order', () => {
  const wrapper = mount(<List items={['x', 'y']} />);
  expect(wrapper.find('li').first().text()).toBe('x');
  expect(wrapper.find('li').at(1).text()).toBe('y');
});

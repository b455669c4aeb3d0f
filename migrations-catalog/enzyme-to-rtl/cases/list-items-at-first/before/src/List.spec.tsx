import React from 'react';
import { mount } from 'enzyme';
import { List } from './List';

it('lists', () => {
  const wrapper = mount(<List items={['a', 'b', 'c']} />);
  expect(wrapper.find('li')).toHaveLength(3);
  expect(wrapper.find('li').length).toBe(3);
  expect(wrapper.find('li').first().text()).toBe('a');
  expect(wrapper.find('li').at(2).text()).toBe('c');
});

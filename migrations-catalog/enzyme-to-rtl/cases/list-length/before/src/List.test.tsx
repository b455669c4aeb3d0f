import React from 'react';
import { mount } from 'enzyme';
import { List } from './List';

it('renders every item', () => {
  const wrapper = mount(<List items={['a', 'b', 'c']} />);
  expect(wrapper.find('li')).toHaveLength(3);
  expect(wrapper.find('li').length).toBe(3);
});

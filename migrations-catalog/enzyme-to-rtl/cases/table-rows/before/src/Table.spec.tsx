import React from 'react';
import { mount } from 'enzyme';
import { Users } from './Users';

it('has a row per user', () => {
  const wrapper = mount(<Users users={[{ id: 1 }, { id: 2 }]} />);
  expect(wrapper.find('table')).toBeTruthy();
  expect(wrapper.find('tr')).toHaveLength(3);
});

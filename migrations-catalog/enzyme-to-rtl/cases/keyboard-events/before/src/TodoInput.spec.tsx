import React from 'react';
import { mount } from 'enzyme';
import { TodoInput } from './TodoInput';

it('adds on Enter', () => {
  const wrapper = mount(<TodoInput />);
  wrapper.find('input').simulate('keydown', { key: 'Enter' });
  wrapper.find('input').simulate('keyup', { key: 'Enter' });
  wrapper.find('input').simulate('keypress', { key: 'a', charCode: 97 });
});

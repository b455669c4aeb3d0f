import React from 'react';
import { mount } from 'enzyme';
import { Field } from './Field';

it('validates on blur', () => {
  const wrapper = mount(<Field />);
  wrapper.find('input').simulate('focus');
  wrapper.find('input').simulate('blur');
});

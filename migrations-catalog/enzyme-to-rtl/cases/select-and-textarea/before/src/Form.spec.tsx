import React from 'react';
import { mount } from 'enzyme';
import { Feedback } from './Feedback';

it('fills the form', () => {
  const wrapper = mount(<Feedback />);
  wrapper.find('select').simulate('change', { target: { value: 'bug' } });
  wrapper.find('textarea').simulate('change', { target: { value: 'broken' } });
});

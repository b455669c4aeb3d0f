import React from 'react';
import { mount } from 'enzyme';
import { Modal } from './Modal';

it('closes', () => {
  const wrapper = mount(<Modal open />);
  wrapper.find('#close').simulate('click');
});

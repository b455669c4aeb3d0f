import React from 'react';
import { mount } from 'enzyme';
import { Drag } from './Drag';

it('drags', () => {
  const wrapper = mount(<Drag />);
  wrapper.find('button').simulate('dragstart');
});

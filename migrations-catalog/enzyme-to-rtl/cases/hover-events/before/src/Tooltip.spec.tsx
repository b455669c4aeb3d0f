import React from 'react';
import { mount } from 'enzyme';
import { Tooltip } from './Tooltip';

it('shows on hover', () => {
  const wrapper = mount(<Tooltip label="hint" />);
  wrapper.find('button').simulate('mouseenter');
  wrapper.find('button').simulate('mouseleave');
});

import React from 'react';
import { mount } from 'enzyme';
import { Clock } from './Clock';

it('stops on unmount', () => {
  const wrapper = mount(<Clock />);
  wrapper.update();
  wrapper.unmount();
});

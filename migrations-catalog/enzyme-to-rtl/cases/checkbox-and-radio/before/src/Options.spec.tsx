import React from 'react';
import { mount } from 'enzyme';
import { Options } from './Options';

it('toggles', () => {
  const wrapper = mount(<Options />);
  wrapper.find('input[type="checkbox"]').simulate('change', { target: { checked: true } });
  wrapper.find('input[type="radio"]').simulate('click');
});

import React from 'react';
import { mount } from 'enzyme';
import { Stepper } from './Stepper';

describe('Stepper', () => {
  it('starts at one', () => {
    const wrapper = mount(<Stepper />);
    expect(wrapper.find('h2').text()).toBe('1');
  });

  it('steps', () => {
    const wrapper = mount(<Stepper />);
    wrapper.find('button').simulate('click');
    expect(wrapper.find('h2').text()).toBe('2');
  });
});

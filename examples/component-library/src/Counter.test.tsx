import React from 'react';
import { mount, shallow } from 'enzyme';
import { Counter } from './Counter';

describe('Counter', () => {
  it('starts at the given value', () => {
    const wrapper = shallow(<Counter start={2} />);
    expect(wrapper.find('h2').text()).toBe('Count: 2');
  });

  it('counts clicks', () => {
    const wrapper = mount(<Counter />);
    wrapper.find('button').simulate('click');
    expect(wrapper.find('h2').text()).toBe('Count: 1');
  });
});

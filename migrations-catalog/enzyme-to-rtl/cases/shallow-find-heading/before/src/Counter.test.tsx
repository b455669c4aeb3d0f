import React from 'react';
import { shallow } from 'enzyme';
import { Counter } from './Counter';

it('has a heading', () => {
  const wrapper = shallow(<Counter />);
  expect(wrapper.find('h2').text()).toBe('Count: 0');
});

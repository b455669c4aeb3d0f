import React from 'react';
import { shallow } from 'enzyme';
import { Greeting } from './Greeting';

it('greets', () => {
  const wrapper = shallow(<Greeting name="Ada" />);
  expect(wrapper.text()).toBe('Hello Ada');
});

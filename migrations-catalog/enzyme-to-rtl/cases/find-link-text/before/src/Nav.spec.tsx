import React from 'react';
import { mount } from 'enzyme';
import { Home } from './Home';

it('links home', () => {
  const wrapper = mount(<Home />);
  expect(wrapper.find('a').text()).toBe('Home');
});

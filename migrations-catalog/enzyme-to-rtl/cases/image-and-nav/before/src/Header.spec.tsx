import React from 'react';
import { mount } from 'enzyme';
import { Header } from './Header';

it('has a logo and a nav', () => {
  const wrapper = mount(<Header />);
  expect(wrapper.find('img')).toBeTruthy();
  expect(wrapper.find('nav').text()).toContain('Docs');
});

import React from 'react';
import { mount } from 'enzyme';
import { Article } from './Article';

it('has a title', () => {
  const wrapper = mount(<Article />);
  expect(wrapper.find('h1').text()).toBe('Title');
});

import React from 'react';
import { mount } from 'enzyme';
import { SearchBox } from './SearchBox';

it('types a query', () => {
  const wrapper = mount(<SearchBox />);
  wrapper.find('input').simulate('change', { target: { value: 'godwit' } });
  expect(wrapper.find('h2').text()).toBe('Results for godwit');
});

import React from 'react';
import { shallow } from 'enzyme';
import { List } from './List';
import { Page } from './Page';

it('passes the items', () => {
  const wrapper = shallow(<Page />);
  expect(wrapper.find(List).prop('items')).toEqual(['home', 'about']);
});

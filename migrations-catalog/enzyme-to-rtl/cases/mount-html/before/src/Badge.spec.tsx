import React from 'react';
import { mount } from 'enzyme';
import { Badge } from './Badge';

it('renders markup', () => {
  const wrapper = mount(<Badge count={2} />);
  expect(wrapper.html()).toContain('2');
});

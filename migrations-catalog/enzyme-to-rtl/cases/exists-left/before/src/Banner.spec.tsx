import React from 'react';
import { shallow } from 'enzyme';
import { Banner } from './Banner';

it('hides when dismissed', () => {
  const wrapper = shallow(<Banner dismissed />);
  expect(wrapper.find('.banner').exists()).toBe(false);
});

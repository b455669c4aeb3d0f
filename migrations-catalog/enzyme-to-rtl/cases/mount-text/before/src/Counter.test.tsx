import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('shows the start value', () => {
  const wrapper = mount(<Counter start={3} />);
  expect(wrapper.text()).toContain('Count: 3');
});

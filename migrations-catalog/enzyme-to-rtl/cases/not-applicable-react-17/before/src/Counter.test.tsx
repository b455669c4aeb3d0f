import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('renders', () => {
  expect(mount(<Counter />).text()).toContain('Count');
});

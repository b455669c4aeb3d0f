import React from 'react';
import { mount } from 'enzyme';
import { Counter } from './Counter';

it('renders without crashing', () => {
  mount(<Counter />);
});

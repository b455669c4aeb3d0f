import React from 'react';
import { render } from '@testing-library/react';
import { Toggle } from './Toggle';

it('turns on', () => {
  const wrapper = render(<Toggle />);
  wrapper.setState({ on: true });
  expect(wrapper.state('on')).toBe(true);
});

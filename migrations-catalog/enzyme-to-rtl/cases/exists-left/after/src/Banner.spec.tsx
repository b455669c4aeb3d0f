import React from 'react';
import { render } from '@testing-library/react';
import { Banner } from './Banner';

it('hides when dismissed', () => {
  const wrapper = render(<Banner dismissed />);
  expect(wrapper.find('.banner').exists()).toBe(false);
});

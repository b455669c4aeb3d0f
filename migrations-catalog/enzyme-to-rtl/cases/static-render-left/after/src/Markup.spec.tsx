import React from 'react';
import { render } from 'enzyme';
import { Markup } from './Markup';

it('renders static markup', () => {
  const wrapper = render(<Markup />);
  expect(wrapper.text()).toBe('static');
});

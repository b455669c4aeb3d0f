import React from 'react';
import { mount as mountComponent } from 'enzyme';
import { Panel } from './Panel';

it('renders a heading', () => {
  const wrapper = mountComponent(<Panel title="Stats" />);
  expect(wrapper.find('h3').text()).toBe('Stats');
});

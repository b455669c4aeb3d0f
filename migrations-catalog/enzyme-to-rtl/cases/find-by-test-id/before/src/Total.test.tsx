import React from 'react';
import { mount } from 'enzyme';
import { Total } from './Total';

it('formats cents', () => {
  const wrapper = mount(<Total cents={1999} />);
  expect(wrapper.find('[data-testid="total"]').text()).toBe('19.99');
});

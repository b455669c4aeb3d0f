import React from 'react';
import { mount } from 'enzyme';
import { Editor } from './Editor';

it('saves', () => {
  const wrapper = mount(<Editor />);
  wrapper.find('[data-testid="save"]').simulate('click');
  expect(wrapper.find("[data-testid='status']").text()).toBe('saved');
});

import React from 'react';
import { shallow } from 'enzyme';
import { SaveButton } from './SaveButton';

it('is disabled while saving', () => {
  const wrapper = shallow(<SaveButton saving />);
  expect(wrapper.find('button').props().disabled).toBe(true);
});

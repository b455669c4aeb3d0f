import React from 'react';
import { render } from '@testing-library/react';
import { SaveButton } from './SaveButton';

it('is disabled while saving', () => {
  const wrapper = render(<SaveButton saving />);
  expect(wrapper.find('button').props().disabled).toBe(true);
});

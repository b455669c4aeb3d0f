import React from 'react';
import { render } from '@testing-library/react';
import { Modal } from './Modal';

it('closes', () => {
  const wrapper = render(<Modal open />);
  wrapper.find('#close').simulate('click');
});

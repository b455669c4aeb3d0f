import React from 'react';
import { render } from '@testing-library/react';
import { Drag } from './Drag';

it('drags', () => {
  const wrapper = render(<Drag />);
  wrapper.find('button').simulate('dragstart');
});

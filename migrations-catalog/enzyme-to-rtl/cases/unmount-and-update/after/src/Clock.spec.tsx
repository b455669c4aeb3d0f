import React from 'react';
import { render } from '@testing-library/react';
import { Clock } from './Clock';

it('stops on unmount', () => {
  const { unmount } = render(<Clock />);
  unmount();
});

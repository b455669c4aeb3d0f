import React from 'react';
import { render } from '@testing-library/react';
import { Greeting } from './Greeting';

it('greets', () => {
  const { container } = render(<Greeting name="Ada" />);
  expect(container.textContent).toBe('Hello Ada');
});

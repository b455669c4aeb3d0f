import React from 'react';
import { render } from '@testing-library/react';
import { Counter } from './Counter';

it('shows the start value', () => {
  const { container } = render(<Counter start={3} />);
  expect(container.textContent).toContain('Count: 3');
});

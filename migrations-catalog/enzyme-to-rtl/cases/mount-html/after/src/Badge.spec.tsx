import React from 'react';
import { render } from '@testing-library/react';
import { Badge } from './Badge';

it('renders markup', () => {
  const { container } = render(<Badge count={2} />);
  expect(container.innerHTML).toContain('2');
});

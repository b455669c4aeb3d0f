import { render } from '@testing-library/react';
import { Page } from './Page';

jest.mock('./Button', () => {
  const React = require('react');
  return { Button: () => React.createElement('button', null, 'mock') };
});

it('renders the mocked button', () => {
  expect(render(<Page />).container.textContent).toContain('mock');
});

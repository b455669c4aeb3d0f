import { expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import { Page } from './Page';

vi.mock('./Button', async () => {
  const React = await import('react');
  return { Button: () => React.createElement('button', null, 'mock') };
});

it('renders the mocked button', () => {
  expect(render(<Page />).container.textContent).toContain('mock');
});

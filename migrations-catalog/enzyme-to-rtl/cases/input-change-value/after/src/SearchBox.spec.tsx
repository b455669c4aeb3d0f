import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { SearchBox } from './SearchBox';

it('types a query', () => {
  render(<SearchBox />);
  fireEvent.change(screen.getByRole('textbox'), { target: { value: 'godwit' } });
  expect(screen.getByRole('heading').textContent).toBe('Results for godwit');
});

import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { TodoInput } from './TodoInput';

it('adds on Enter', () => {
  render(<TodoInput />);
  fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Enter' });
  fireEvent.keyUp(screen.getByRole('textbox'), { key: 'Enter' });
  fireEvent.keyPress(screen.getByRole('textbox'), { key: 'a', charCode: 97 });
});

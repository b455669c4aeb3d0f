import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Feedback } from './Feedback';

it('fills the form', () => {
  render(<Feedback />);
  fireEvent.change(screen.getByRole('combobox'), { target: { value: 'bug' } });
  fireEvent.change(screen.getByRole('textbox'), { target: { value: 'broken' } });
});

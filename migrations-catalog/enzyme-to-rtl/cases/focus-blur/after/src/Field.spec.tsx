import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { Field } from './Field';

it('validates on blur', () => {
  render(<Field />);
  fireEvent.focus(screen.getByRole('textbox'));
  fireEvent.blur(screen.getByRole('textbox'));
});

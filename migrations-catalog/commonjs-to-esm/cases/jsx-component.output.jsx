import React from 'react';
import { Button } from './button.jsx';

export default function Toolbar() {
  return <Button label="save" />;
};

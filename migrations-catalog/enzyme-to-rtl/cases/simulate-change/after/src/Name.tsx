import React, { useState } from 'react';

export function Name() {
  const [v, setV] = useState('');
  return (
    <form>
      <input value={v} onChange={(e) => setV(e.target.value)} />
      <h3>Hello {v}</h3>
    </form>
  );
}

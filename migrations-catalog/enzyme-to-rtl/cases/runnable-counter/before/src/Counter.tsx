import React, { useState } from 'react';

export function Counter({ start = 0 }: { start?: number }) {
  const [n, setN] = useState(start);
  return (
    <div>
      <h2>Count: {n}</h2>
      <button onClick={() => setN(n + 1)}>more</button>
    </div>
  );
}

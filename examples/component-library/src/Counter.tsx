import React, { useState } from 'react';

export function Counter({ start = 0, label = 'Count' }: { start?: number; label?: string }) {
  const [n, setN] = useState(start);
  return (
    <div>
      <h2>
        {label}: {n}
      </h2>
      <button onClick={() => setN(n + 1)}>more</button>
    </div>
  );
}

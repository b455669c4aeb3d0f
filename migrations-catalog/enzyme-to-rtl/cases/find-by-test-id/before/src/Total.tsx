import React from 'react';

export const Total = ({ cents }: { cents: number }) => <span data-testid="total">{(cents / 100).toFixed(2)}</span>;

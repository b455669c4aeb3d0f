export const pad = (s: string, n: number) => s.padStart(n, ' ');
export const money = (cents: number) => pad((cents / 100).toFixed(2), 10);

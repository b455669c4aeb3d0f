import { type Stats, statSync } from 'node:fs';

export const size = (file: string): number => {
  const s: Stats = statSync(file);
  return s.size;
};

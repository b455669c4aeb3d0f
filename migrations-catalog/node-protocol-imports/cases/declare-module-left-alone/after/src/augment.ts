import { Stats } from 'node:fs';

declare module 'fs' {
  interface Stats {
    tag?: string;
  }
}

export const tagged = (s: Stats) => s.tag ?? 'none';

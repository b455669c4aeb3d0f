import type { Site } from './types.js';

/** Code-unit order (not locale order), so the result is the same on every machine. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareSites(a: Site, b: Site): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.kind, b.kind);
}

/** Sorted by file, line, column, kind; one site per position and kind. */
export function sortSites(sites: readonly Site[]): Site[] {
  const sorted = [...sites].sort(compareSites);
  return sorted.filter((s, i) => i === 0 || compareSites(s, sorted[i - 1]!) !== 0);
}

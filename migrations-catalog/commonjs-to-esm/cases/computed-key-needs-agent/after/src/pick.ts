import * as levels from './levels';

export function byIndex(i: number): string {
  return levels[i];
}

export function override(name: string, value: string): void {
  levels[name] = value;
}

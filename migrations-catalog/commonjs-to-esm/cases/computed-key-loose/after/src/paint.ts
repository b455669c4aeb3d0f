import * as colors from './colors';

export function hex(name: string): string {
  return colors[name];
}

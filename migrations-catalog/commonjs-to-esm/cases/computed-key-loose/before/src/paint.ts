const colors = require('./colors');

export function hex(name: string): string {
  return colors[name];
}

const units = require('./units');

export function inMetres(value: number, unit: string): number {
  return value * units[unit];
}

export function lookup(units: Record<string, number>, unit: string): number | undefined {
  return units[unit];
}

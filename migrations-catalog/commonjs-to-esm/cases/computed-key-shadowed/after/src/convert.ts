import * as units from './units';

export function inMetres(value: number, unit: string): number {
  return value * units[unit as keyof typeof units];
}

export function lookup(units: Record<string, number>, unit: string): number | undefined {
  return units[unit];
}

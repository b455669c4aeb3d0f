export const label = (name: string, count: number): string => `${name} (${count})`;

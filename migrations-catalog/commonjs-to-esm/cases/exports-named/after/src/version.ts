const VERSION = '1.2.0';

export { VERSION };
export const parse = (input: string): number[] => input.split('.').map(Number);
export const isStable = (v: string) => !v.includes('-');

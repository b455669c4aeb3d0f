const base = 10;

export { base };
export const scale = (n: number) => n * base;

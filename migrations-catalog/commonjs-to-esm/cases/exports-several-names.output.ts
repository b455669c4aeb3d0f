function helper() {
  return 1;
}

export { helper };
export const VERSION = '1.0.0';
export const double = (n: number) => n * 2;

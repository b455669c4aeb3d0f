type Fs = typeof import('node:fs');
type Hash = import('node:crypto').Hash;

export function use(fs: Fs, h: Hash): void {
  fs.existsSync('.');
  h.digest();
}

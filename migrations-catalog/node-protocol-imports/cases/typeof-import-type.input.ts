type Fs = typeof import('fs');
type Hash = import('crypto').Hash;

export function use(fs: Fs, h: Hash): void {
  fs.existsSync('.');
  h.digest();
}

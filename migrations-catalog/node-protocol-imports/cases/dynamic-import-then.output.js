export function compress(buf) {
  return import('node:zlib').then((zlib) => zlib.gzipSync(buf));
}

export const loadOs = () => import(`node:os`);

export function compress(buf) {
  return import('zlib').then((zlib) => zlib.gzipSync(buf));
}

export const loadOs = () => import(`os`);

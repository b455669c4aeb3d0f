import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';

export async function gzip(src: string, dest: string): Promise<void> {
  await sleep(10);
  await pipeline(createReadStream(src), createGzip(), createWriteStream(dest));
}

import { pipeline } from 'stream/promises';
import { setTimeout as sleep } from 'timers/promises';
import { createGzip } from 'zlib';
import { createReadStream, createWriteStream } from 'fs';

export async function gzip(src: string, dest: string): Promise<void> {
  await sleep(10);
  await pipeline(createReadStream(src), createGzip(), createWriteStream(dest));
}

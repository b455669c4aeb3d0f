import { isPromise } from 'node:util/types';
import { lookup } from 'node:dns/promises';

export async function resolveHost(host: string) {
  const r = lookup(host);
  return isPromise(r) ? (await r).address : undefined;
}

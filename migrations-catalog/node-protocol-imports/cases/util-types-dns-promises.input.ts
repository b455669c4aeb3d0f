import { isPromise } from 'util/types';
import { lookup } from 'dns/promises';

export async function resolveHost(host: string) {
  const r = lookup(host);
  return isPromise(r) ? (await r).address : undefined;
}

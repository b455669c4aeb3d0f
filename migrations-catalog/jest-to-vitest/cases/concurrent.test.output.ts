import { expect, test } from 'vitest';
import { fetchJson } from './http';

test.concurrent('first', async () => {
  await expect(fetchJson('/a')).resolves.toBeDefined();
});

test.concurrent.each([['/b'], ['/c']])('fetches %s', async (url) => {
  await expect(fetchJson(url)).resolves.toBeDefined();
});

test.concurrent.skip('later', async () => {});
test.concurrent.only('focused', async () => {});

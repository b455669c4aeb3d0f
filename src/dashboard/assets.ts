/**
 * Static files: our client script and stylesheet (src/dashboard/assets) and uPlot, served
 * straight from node_modules. Only names on this list are served.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function ownAsset(name: string): string {
  // Next to this file in src/, and in dist/src/ (the build copies them, scripts/copy-assets.mjs).
  return path.join(here, 'assets', name);
}

function uplotFile(name: string): string {
  return path.join(path.dirname(require.resolve('uplot')), name);
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const FILES: Record<string, () => string> = {
  'app.js': () => ownAsset('app.js'),
  'app.css': () => ownAsset('app.css'),
  'burndown.js': () => ownAsset('burndown.js'),
  'uPlot.iife.min.js': () => uplotFile('uPlot.iife.min.js'),
  'uPlot.min.css': () => uplotFile('uPlot.min.css'),
};

const cache = new Map<string, Buffer>();

export async function readAsset(name: string): Promise<{ body: Buffer; type: string } | undefined> {
  const locate = FILES[name];
  if (!locate) return undefined;
  let body = cache.get(name);
  if (!body) {
    body = await readFile(locate());
    cache.set(name, body);
  }
  return { body, type: TYPES[path.extname(name)] ?? 'application/octet-stream' };
}

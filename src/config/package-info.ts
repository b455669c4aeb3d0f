/**
 * godwit's own package: its root folder (the source checkout, or the installed package) and
 * its version. Both work from src/ (tests, tsx) and from the compiled dist/src/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'godwit') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('godwit: cannot find its own package.json');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot();

export const GODWIT_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

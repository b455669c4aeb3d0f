#!/usr/bin/env node
// Part of `npm run build`: copies what the compiled code reads at run time next to it in dist/
// (tsc emits only JavaScript): the dashboard's static files, and each catalog migration's
// prompt, README and eval cases.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');

function copy(from, to) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

copy(path.join(root, 'src/dashboard/assets'), path.join(dist, 'src/dashboard/assets'));

const catalog = path.join(root, 'migrations-catalog');
for (const entry of readdirSync(catalog, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const name of readdirSync(path.join(catalog, entry.name))) {
    if (name.endsWith('.ts')) continue;
    const from = path.join(catalog, entry.name, name);
    if (existsSync(from)) copy(from, path.join(dist, 'migrations-catalog', entry.name, name));
  }
}

#!/usr/bin/env node
// The compiled CLI (`npm run build` writes dist/). From a source checkout, build first;
// tests build through vitest's globalSetup (test/support/build.ts).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('godwit: dist/ is missing — this is a source checkout; run `npm run build` first.\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);

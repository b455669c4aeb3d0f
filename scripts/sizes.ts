/**
 * File and function sizes of src/ and migrations-catalog/ against the committed baseline
 * (scripts/sizes/baseline.json): a file over 400 lines or a function over 80 fails unless it is
 * recorded there, and a recorded one fails when it grows past its record (ARCHITECTURE.md,
 * "Conventions").
 *
 *   npm run sizes               check (CI, `npm run check`); exit 1 naming what grew
 *   npm run sizes -- --update   record today's sizes (after making something smaller, or,
 *                               reviewed, to accept a larger one)
 *   --root <dir>                measure another tree (its own scripts/sizes/baseline.json)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { baselineOf, baselineSchema, checkSizes } from './sizes/check.js';
import { measure } from './sizes/measure.js';

const { values } = parseArgs({ options: { root: { type: 'string' }, update: { type: 'boolean', default: false } } });
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..'));
const file = path.join(root, 'scripts', 'sizes', 'baseline.json');
const baseline = baselineSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const sizes = measure(root);

if (values.update) {
  writeFileSync(file, `${JSON.stringify(baselineOf(sizes, baseline.limits), null, 2)}\n`);
  console.log(`sizes: recorded ${path.relative(process.cwd(), file) || file}`);
} else {
  const report = checkSizes(sizes, baseline);
  for (const hint of report.hints) console.log(`hint: ${hint} — lower the record with \`npm run sizes -- --update\``);
  for (const failure of report.failures) console.error(`size: ${failure}`);
  if (report.failures.length) {
    console.error(`sizes: ${report.failures.length} over their record. Split the file or function; if the growth is right, record it with \`npm run sizes -- --update\` and say why in the commit.`);
    process.exitCode = 1;
  } else {
    console.log(`sizes: ${sizes.files.size} files and ${sizes.functions.size} functions within their limits or records (${Object.keys(baseline.files).length} files and ${Object.keys(baseline.functions).length} functions recorded over the limits)`);
  }
}

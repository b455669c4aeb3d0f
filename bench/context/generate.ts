/**
 * Generates a synthetic repository for the context benchmark: 2,000 source files — features
 * (some import `moment` in various forms, most do not), helpers, types, a barrel, tests, and
 * files that only mention "moment" in strings. Deterministic (seeded) and it records the
 * expected change sites, so the benchmark can measure recall and false sites.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Generated {
  files: number;
  /** `file:line` of every expected site (one per line — several sites may share a line). */
  expectedLines: Set<string>;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MOMENT_DTS = `declare function moment(input?: string | number): moment.Moment;
declare namespace moment {
  interface Moment { format(f?: string): string; add(n: number, unit: string): Moment; valueOf(): number }
  interface Duration { humanize(): string }
  function utc(input?: string): Moment;
  function duration(n: number, unit?: string): Duration;
}
export = moment;
`;

export function generateRepo(dir: string, total = 2000): Generated {
  const random = rng(42);
  const expected = new Set<string>();
  let count = 0;
  const write = (rel: string, lines: string[], sites: number[] = []): void => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, lines.join('\n') + '\n');
    if (/\.(ts|tsx|js|jsx|mts|cts)$/.test(rel)) count++;
    for (const line of sites) expected.add(`${rel}:${line}`);
  };

  write('package.json', [JSON.stringify({ name: 'bench-repo', private: true, dependencies: { moment: '^2.30.0' } })]);
  write('tsconfig.json', [JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, allowJs: true, esModuleInterop: true, jsx: 'preserve' } })]);
  mkdirSync(path.join(dir, 'node_modules/moment'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules/moment/index.d.ts'), MOMENT_DTS);
  writeFileSync(path.join(dir, 'node_modules/moment/package.json'), JSON.stringify({ name: 'moment', types: 'index.d.ts' }));

  const TYPES = 100;
  const HELPERS = 200;
  for (let t = 0; t < TYPES; t++) {
    write(`src/types/t${t}.ts`, [
      `/** Record type ${t}. */`,
      `export interface Record${t} {`,
      '  id: string;',
      '  createdAt: string;',
      `  amount${t}: number;`,
      '  tags: string[];',
      '}',
      '',
      `export type Status${t} = 'open' | 'closed' | 'pending';`,
    ]);
  }
  for (let h = 0; h < HELPERS; h++) {
    const t = h % TYPES;
    write(`src/helpers/h${h}.ts`, [
      `import type { Record${t} } from '../types/t${t}';`,
      '',
      `export function total${h}(items: Record${t}[]): number {`,
      `  return items.reduce((sum, item) => sum + item.amount${t}, 0);`,
      '}',
      '',
      `export function label${h}(item: Record${t}): string {`,
      "  return `${item.id}: ${item.tags.join(', ')}`;",
      '}',
    ]);
  }
  // A barrel that re-exports moment; some features import it from there.
  write('src/dates/index.ts', ["export { default as dayLib } from 'moment';", "export const DATE_FORMAT = 'YYYY-MM-DD';"], [1]);

  let f = 0;
  while (count < total) {
    const t = Math.floor(random() * TYPES);
    const h = Math.floor(random() * HELPERS);
    const roll = random();
    const form = roll < 0.06 ? 'default' : roll < 0.09 ? 'named' : roll < 0.11 ? 'namespace' : roll < 0.13 ? 'barrel' : roll < 0.14 ? 'require' : roll < 0.16 ? 'string' : 'none';
    const ext = form === 'require' ? 'js' : 'ts';
    const rel = `src/features/f${f}.${ext}`;
    const lines: string[] = [];
    const sites: number[] = [];
    const site = (text: string): void => {
      lines.push(text);
      sites.push(lines.length);
    };
    if (ext === 'ts') {
      lines.push(`import type { Record${t}, Status${t} } from '../types/t${t}';`);
      lines.push(`import { total${h}, label${h} } from '../helpers/h${h}';`);
    } else {
      lines.push(`const { total${h}, label${h} } = require('../helpers/h${h}');`);
    }
    if (form === 'default') site("import moment from 'moment';");
    if (form === 'named') site("import { utc, duration } from 'moment';");
    if (form === 'namespace') site("import * as m from 'moment';");
    if (form === 'barrel') site("import { dayLib, DATE_FORMAT } from '../dates';");
    if (form === 'require') site("const moment = require('moment');");
    lines.push('');
    const typed = (s: string): string => (ext === 'ts' ? s : '');
    // Feature files of 10–20 functions of 8–25 lines; moment is used in one or two of them.
    const bodies = 10 + Math.floor(random() * 11);
    const momentAt = new Set([Math.floor(random() * bodies), random() < 0.5 ? Math.floor(random() * bodies) : -1]);
    for (let b = 0; b < bodies; b++) {
      lines.push(`/** Step ${b} of feature ${f}. */`);
      lines.push(`export function feature${f}_${b}(items${typed(`: Record${t}[]`)})${typed(': string')} {`);
      lines.push(`  const sum = total${h}(items);`);
      lines.push('  const parts = [];');
      lines.push('  for (const item of items) {');
      lines.push(`    if (item.tags.includes('skip-${b}')) continue;`);
      lines.push(`    parts.push(label${h}(item));`);
      lines.push('  }');
      const extra = Math.floor(random() * 14);
      for (let x = 0; x < extra; x++) lines.push(`  if (sum > ${x * 10 + b}) parts.push(\`over ${x}: \${sum - ${x * 10}}\`);`);
      if (momentAt.has(b) && form !== 'none' && form !== 'string') {
        if (form === 'default' || form === 'require') site("  const when = moment(items[0]?.createdAt).format('YYYY-MM-DD');");
        if (form === 'named') site('  const when = utc(items[0]?.createdAt).format() + duration(sum).humanize();');
        if (form === 'namespace') site('  const when = m.utc(items[0]?.createdAt).format();');
        if (form === 'barrel') site('  const when = dayLib(items[0]?.createdAt).format(DATE_FORMAT);');
        lines.push('  return `${when} ${sum} ${parts.join(";")}`;');
      } else if (form === 'string' && b === 0) {
        lines.push("  const note = 'moment is not imported here';");
        lines.push('  return `${note} ${sum} ${parts.join(";")}`;');
      } else {
        lines.push('  return `${sum} ${parts.join(";")}`;');
      }
      lines.push('}');
      lines.push('');
    }
    if (ext === 'js') lines.push(`module.exports = { ${Array.from({ length: bodies }, (_, b) => `feature${f}_${b}`).join(', ')} };`);
    write(rel, lines, sites);
    if (sites.length > 0 && f % 3 === 0 && count < total) {
      write(`src/features/f${f}.test.ts`, [
        "import { describe, expect, it } from 'vitest';",
        `import { feature${f}_0 } from './f${f}';`,
        '',
        `describe('feature ${f}', () => {`,
        "  it('formats', () => {",
        `    expect(feature${f}_0([])).toContain('0');`,
        '  });',
        '});',
      ]);
    }
    f++;
  }
  return { files: count, expectedLines: expected };
}

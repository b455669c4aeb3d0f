/**
 * Context benchmark: generate a 2,000-file repository, then (in a fresh process each time, so
 * it is cold) locate every `moment` site and build the context. Reports time, peak memory,
 * recall / false sites, and tokens against sending the whole files that contain sites.
 *
 *   npx tsx bench/context/run.ts [--files 2000] [--runs 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { countTokens } from '../../src/context/index.js';
import { generateRepo } from './generate.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const files = arg('--files', 2000);
const runs = arg('--runs', 3);

const dir = mkdtempSync(path.join(tmpdir(), 'godwit-bench-context-'));
try {
  const generated = generateRepo(dir, files);
  const here = path.dirname(new URL(import.meta.url).pathname);
  const tsx = path.resolve(here, '../../node_modules/.bin/tsx');
  const measure = (budget: number) => JSON.parse(execFileSync(tsx, [path.join(here, 'measure.ts'), dir, String(budget)], { encoding: 'utf8' }));

  const results = Array.from({ length: runs }, () => measure(400_000));
  const median = (key: string): number => results.map((r) => r[key] as number).sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  const r = results[0]!;
  const found = new Set<string>(r.sites);
  const hits = [...generated.expectedLines].filter((l) => found.has(l)).length;
  const falseSites = [...found].filter((l) => !generated.expectedLines.has(l)).length;
  const wholeTokens = (r.siteFiles as string[]).reduce((n, f) => n + countTokens(readFileSync(path.join(dir, f), 'utf8')), 0);
  const small = measure(12_000);

  const rows: Array<[string, string]> = [
    ['source files in the repository', String(generated.files)],
    ['files with sites / parsed by the engine', `${r.siteFiles.length} / ${r.parsedFiles}`],
    ['sites found (lines)', `${found.size} (expected ${generated.expectedLines.size})`],
    ['recall / false sites', `${((100 * hits) / generated.expectedLines.size).toFixed(1)}% / ${falseSites}`],
    [`cold: locate sites (median of ${runs})`, `${median('locateMs')} ms`],
    [`cold: build context (median of ${runs})`, `${median('buildMs')} ms`],
    [`cold: locate + build (median of ${runs})`, `${median('locateMs') + median('buildMs')} ms`],
    [`cold: process incl. module load (median of ${runs})`, `${median('totalMs')} ms`],
    [`CPU time: locate / build / module load (median of ${runs})`, `${median('locateCpuMs')} / ${median('buildCpuMs')} / ${median('importCpuMs')} ms`],
    ['load average during the runs (2 cores)', loadavg().map((x) => x.toFixed(1)).join(' ')],
    ['peak RSS', `${Math.max(...results.map((x) => x.peakRssMb as number))} MB`],
    ['tokens: whole files containing sites', String(wholeTokens)],
    ['tokens: context with every site (budget 400k, omitted 0)', `${r.tokens} (omitted ${r.omitted})`],
    ['ratio whole files / context', `${(wholeTokens / r.tokens).toFixed(1)}×`],
    ['default budget 12k: tokens / sites left out (listed)', `${small.tokens} / ${small.omitted}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log('\n| measure | value |\n|---|---|');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

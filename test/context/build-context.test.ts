import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, countTokens, createWorkspaceProject, locateSites, type BuiltContext, type Site } from '../../src/context/index.js';
import { GodwitError } from '../../src/errors.js';
import { FILES, writeRepo } from './fixture.js';

const filler = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => [`export function ${prefix}${i}(x: number): number {`, `  return x * ${i} + ${i};`, '}', '']).flat();

const REPO: Record<string, string> = {
  'tsconfig.json': FILES['tsconfig.json']!,
  'node_modules/moment/package.json': FILES['node_modules/moment/package.json']!,
  'node_modules/moment/index.d.ts': FILES['node_modules/moment/index.d.ts']!,
  'src/dates.ts': [
    "import moment from 'moment';",
    "import type { Options } from './types';",
    "import { pad } from './util';",
    '',
    'export interface Span { from: string; to: string }',
    '',
    '/** Formats a date. */',
    'export function formatDate(d: string, o: Options): string {',
    '  return pad(moment(d).format(o.pattern));',
    '}',
    '',
    'export function unrelated(): number {',
    '  return 4242;',
    '}',
    ...filler('fill', 8),
    'export function spanOf(s: Span): string {',
    "  return moment(s.from).format() + '..' + s.to;",
    '}',
    '',
  ].join('\n'),
  'src/types.ts': ['export interface Options { pattern: string }', ...filler('typeFill', 5)].join('\n'),
  'src/util.ts': ['export function pad(s: string): string {', '  return ` ${s}`;', '}', ...filler('utilFill', 5)].join('\n'),
  'src/dates.test.ts': [
    "import { formatDate } from './dates';",
    "it('formats', () => {",
    "  expect(formatDate('2020-01-01', { pattern: 'YYYY' })).toBe(' 2020');",
    '});',
    '',
  ].join('\n'),
  ...Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [
      `src/gen/f${i}.ts`,
      ["import moment from 'moment';", ...filler(`g${i}_`, 4), `export const stamp${i} = () => moment().format('x${i}');`, ''].join('\n'),
    ]),
  ),
};

let dir: string;
let sites: Site[];
beforeAll(async () => {
  dir = writeRepo(REPO);
  sites = await locateSites(createWorkspaceProject(dir), { modules: ['moment'], names: [] }, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const build = (budget: number, extra: { maxDistance?: number; includeTests?: boolean } = {}): Promise<BuiltContext> =>
  buildContext(createWorkspaceProject(dir), dir, sites, { budget, ...extra });

/** `file:line` of every line marked as a site in the rendered text. */
function markedLines(text: string): Set<string> {
  const out = new Set<string>();
  let file = '';
  for (const line of text.split('\n')) {
    const header = /^==> (.+) <==$/.exec(line);
    if (header) file = header[1]!;
    const site = /^> +(\d+) \| /.exec(line);
    if (site) out.add(`${file}:${site[1]}`);
  }
  return out;
}

/** `file:line:column kind` of every site in the "did not fit" list. */
function listedSites(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^- (\S+): (.+)$/gm)) for (const site of m[2]!.split(', ')) out.push(`${m[1]}:${site}`);
  return out;
}

describe('buildContext', () => {
  it('shows every site with its enclosing declaration, the declarations it uses, and the sibling test', async () => {
    expect(sites.length).toBe(23);
    const ctx = await build(100_000);
    expect(ctx.omittedSites).toEqual([]);
    const marked = markedLines(ctx.text);
    for (const s of sites) expect(marked.has(`${s.file}:${s.line}`), `${s.file}:${s.line}`).toBe(true);
    expect(ctx.text).toContain('>  9 |   return pad(moment(d).format(o.pattern));');
    expect(ctx.text).toContain('==> src/types.ts <==\n  1 | export interface Options { pattern: string }\n…');
    expect(ctx.text).toContain('  1 | export function pad(s: string): string {\n…');
    expect(ctx.text).toContain('export interface Span { from: string; to: string }');
    expect(ctx.text).toContain('==> src/dates.test.ts <==');
    expect(ctx.text).not.toContain('return 4242;');
    expect(ctx.text).not.toContain('utilFill0');
    expect(ctx.tokens).toBe(countTokens(ctx.text));
    const dates = ctx.files.find((f) => f.path === 'src/dates.ts')!;
    expect(dates.ranges[0]).toEqual([1, 10]);
    expect(ctx.text).toContain('   7 | /** Formats a date. */');
    expect(ctx.files.map((f) => f.path).slice(0, 2)).toEqual(['src/dates.ts', 'src/gen/f0.ts']);
  });

  it('sends far fewer tokens than the whole files that contain sites', async () => {
    const ctx = await build(100_000);
    const whole = [...new Set(sites.map((s) => s.file))].reduce((n, f) => n + countTokens(REPO[f]!), 0);
    expect(ctx.tokens * 2).toBeLessThan(whole);
  });

  it('follows maxDistance and includeTests', async () => {
    const ctx = await build(100_000, { maxDistance: 0, includeTests: false });
    expect(ctx.text).not.toContain('src/types.ts');
    expect(ctx.text).not.toContain('src/util.ts');
    expect(ctx.text).not.toContain('src/dates.test.ts');
    expect(ctx.omittedSites).toEqual([]);
  });

  it('never exceeds the budget, and accounts for every site (shown or listed as left out)', async () => {
    for (const budget of [40, 90, 150, 250, 400, 700, 1000, 1500, 2500, 4000]) {
      const ctx = await build(budget);
      expect(ctx.tokens, `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(ctx.tokens).toBe(countTokens(ctx.text));
      const marked = markedLines(ctx.text);
      const omitted = new Set(ctx.omittedSites);
      for (const s of sites) {
        if (omitted.has(s)) continue;
        expect(marked.has(`${s.file}:${s.line}`), `budget ${budget}: ${s.file}:${s.line}`).toBe(true);
      }
      if (ctx.omittedSites.length > 0 && ctx.text !== '') {
        expect(ctx.text).toContain(`${ctx.omittedSites.length} of ${sites.length} sites did not fit the token budget (${budget})`);
        const listedAll = !/- … and \d+ more/.test(ctx.text);
        if (listedAll) for (const s of ctx.omittedSites) expect(listedSites(ctx.text)).toContain(`${s.file}:${s.line}:${s.column} ${s.kind}`);
      }
    }
  });

  it('names the sites it left out when the budget is too small', async () => {
    const ctx = await build(500);
    expect(ctx.omittedSites.length).toBeGreaterThan(0);
    expect(ctx.omittedSites.length).toBeLessThan(sites.length);
    expect(ctx.text).toMatch(/did not fit the token budget \(500\) and are not shown:\n- src\/gen\/f\d\.ts: 1:1 import, 18:29 call\n/);
    expect(listedSites(ctx.text).sort()).toEqual(ctx.omittedSites.map((s) => `${s.file}:${s.line}:${s.column} ${s.kind}`).sort());
  });

  it('is deterministic: two runs give the same bytes', async () => {
    for (const budget of [500, 100_000]) {
      const a = await build(budget);
      const sitesAgain = await locateSites(createWorkspaceProject(dir), { modules: ['moment'], names: [] }, dir);
      const b = await buildContext(createWorkspaceProject(dir), dir, [...sitesAgain].reverse(), { budget });
      expect(b.text).toBe(a.text);
      expect(JSON.stringify(b.files)).toBe(JSON.stringify(a.files));
    }
  });

  it('rejects a budget that is not a positive integer', async () => {
    await expect(build(0)).rejects.toBeInstanceOf(GodwitError);
  });
});

describe('buildContext on long declarations', () => {
  it('shows the head, a window around the site and the end of a long function, with elisions', async () => {
    const body = Array.from({ length: 100 }, (_, i) => (i === 70 ? '  const t = moment().valueOf();' : `  let v${i} = ${i};`));
    const long = writeRepo({
      'node_modules/moment/package.json': REPO['node_modules/moment/package.json']!,
      'node_modules/moment/index.d.ts': REPO['node_modules/moment/index.d.ts']!,
      'src/long.ts': ["import moment from 'moment';", 'export function big(): void {', ...body, '}', ''].join('\n'),
    });
    try {
      const project = createWorkspaceProject(long);
      const found = await locateSites(project, { modules: ['moment'], names: [] }, long);
      expect(found.map((s) => s.line)).toEqual([1, 73]);
      const ctx = await buildContext(project, long, found, { budget: 100_000 });
      expect(ctx.files[0]!.ranges).toEqual([[1, 2], [63, 83], [103, 103]]);
      expect(ctx.text).toContain('>  73 |   const t = moment().valueOf();');
      expect(ctx.text.split('\n').filter((l) => l === '…')).toHaveLength(2);
    } finally {
      rmSync(long, { recursive: true, force: true });
    }
  });
});

/**
 * Every catalog migration on every repository shaped like a real one (test/support/real-shapes:
 * pnpm with packageManager, yarn classic, npm with a peer-dependency conflict, TypeScript 5.0
 * with node10 resolution and an old @types/node, Prettier with double quotes and a narrow lint
 * script, Jest with snapshots, __mocks__ and a local `module`), through the real pipeline:
 * runJob, the local forge, real installs from the registry (through the shared package cache),
 * the repositories' own scripts as verifiers. No model is configured: every outcome here is the
 * codemod's and the gate's.
 *
 * A `verified` run is checked again the way a reviewer would: the pushed branch, cloned fresh,
 * installs from its own lockfile and passes every check the repository declares.
 *
 * Every cell runs in the default `npm test`. The cells that end before any install
 * (not-applicable, no-changes) run on the generated sources alone (no lockfile, no registry; that
 * nothing is installed there is itself asserted) while the templates build; the others run on a
 * template — a real registry lockfile, installed, its baseline green — copied per cell, two runs
 * at a time, and the verified ones are checked again in a fresh clone. Templates are built once
 * per machine (two at a time, under GODWIT_REAL_SHAPES_DIR or the OS temp dir, keyed by a hash
 * of the generator); installs go through the shared package cache (test/support/package-cache.ts).
 *
 * Cost (wall time of this file alone; bench/README.md has the table): see "real-shapes e2e".
 *
 * - `REAL_SHAPES=quick`: only the cells that end before any install (offline, about a minute);
 * - `REAL_SHAPES=off`: none (every cell skipped);
 * - `REAL_SHAPES=walk-files,schema-gate`: every cell of those repositories.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { RunReport, RunStatus } from '../../src/report/run-report.js';
import { useSharedPackageCache } from '../support/package-cache.js';
import { REAL_SHAPES, TEMPLATE_ROOT, buildSources, buildTemplate, copyRepo, git, installRepo, runChecks, type RepoShape } from '../support/real-shapes/index.js';

vi.setConfig({ testTimeout: 900_000, hookTimeout: 3_600_000 });

const MIGRATIONS = ['node-protocol-imports', 'jest-to-vitest', 'moment-to-dayjs', 'commonjs-to-esm', 'enzyme-to-rtl'] as const;
type MigrationId = (typeof MIGRATIONS)[number];

interface Expected {
  status: RunStatus;
  /** The reason the run gives (not-applicable / no-changes: the true reason). */
  reason?: RegExp;
  /** verified: the files of the sites left unchanged, with the reason the run gives each (default none). */
  sitesLeft?: Array<[file: string, reason: RegExp]>;
  /** More to check on the report of this cell. */
  check?: (report: RunReport) => void;
  /**
   * A product defect keeps this cell from its expected outcome today: the cell runs as
   * `it.fails` (so it turns red the day the defect is fixed, to be moved back to `it`).
   */
  defect?: string;
}

const NO_ENZYME: Expected = { status: 'not-applicable', reason: /^package\.json does not depend on enzyme$/ };
const NO_MOMENT: Expected = { status: 'not-applicable', reason: /^package\.json does not depend on moment$/ };
const NO_JEST: Expected = { status: 'not-applicable', reason: /^package\.json does not depend on jest$/ };
const ALREADY_ESM: Expected = { status: 'not-applicable', reason: /^no source file uses require\(\), module\.exports or exports\.x$/ };
/** ESM sources; the only CommonJS is jest.config.js of a package without "type": "module" (it must stay CommonJS). */
const CJS_BY_CHOICE: Expected = { status: 'not-applicable', reason: /^only files that are CommonJS by choice use it \(jest\.config\.js: / };
/** No bare built-in specifier anywhere: the locator finds no site (so "already migrated" is true). */
const NO_BUILTINS: Expected = { status: 'no-changes', reason: /^nothing to change: no site found, and the codemod changes no file/ };

function packageJsonOnBranch(report: RunReport): Record<string, Record<string, string>> {
  return JSON.parse(diffFile(report, 'package.json')) as Record<string, Record<string, string>>;
}

/** The whole text of `file` on the pushed branch. */
function diffFile(report: RunReport, file: string): string {
  return git(repos.get(report.runId)!, 'show', `${report.pr!.branch}:${file}`);
}

/** What each migration should end as on each repository, and why. */
const EXPECTED: Record<string, Record<MigrationId, Expected>> = {
  'walk-files': {
    // ESM, engines >=18.12, @types/node 20: every bare built-in gets node:.
    'node-protocol-imports': {
      status: 'verified',
      check: (r) => {
        expect(r.install?.packageManager).toMatch(/^pnpm 9\.15\.0/);
        expect(r.diff).toContain("+import { readdirSync, statSync } from 'node:fs';");
        expect(r.diff).toContain("+import { readFile } from 'node:fs/promises';");
      },
    },
    'jest-to-vitest': NO_JEST,
    'moment-to-dayjs': NO_MOMENT,
    'commonjs-to-esm': ALREADY_ESM,
    'enzyme-to-rtl': NO_ENZYME,
  },
  'invoice-dates': {
    // No engines, no built-in import: the codemod has nothing to change (pre-scan, no install).
    'node-protocol-imports': { ...NO_BUILTINS, check: (r) => expect(r.install).toBeUndefined() },
    'jest-to-vitest': NO_JEST,
    'moment-to-dayjs': {
      status: 'verified',
      check: (r) => {
        expect(r.install?.packageManager).toMatch(/^yarn 1\b/);
        const pkg = packageJsonOnBranch(r);
        expect(pkg.dependencies).toMatchObject({ dayjs: expect.any(String) });
        expect(pkg.dependencies?.moment).toBeUndefined();
        expect(diffFile(r, 'yarn.lock')).toMatch(/^dayjs@/m);
        expect(diffFile(r, 'yarn.lock')).not.toMatch(/^moment@/m);
      },
    },
    'commonjs-to-esm': ALREADY_ESM,
    'enzyme-to-rtl': NO_ENZYME,
  },
  'schema-gate': {
    'node-protocol-imports': {
      status: 'verified',
      check: (r) => {
        // ajv-keywords 3 wants ajv 6: npm ci ends in ERESOLVE, one retry with --legacy-peer-deps.
        expect(r.install?.legacyPeerDeps).toBe(true);
        expect(r.diff).toContain("+import path = require('node:path');");
      },
    },
    'jest-to-vitest': NO_JEST,
    'moment-to-dayjs': NO_MOMENT,
    // The converted `import * as schemas` is typed (the require() was any): `schemas[schema]` with a
    // string key would be TS7053 under strict, so the codemod types the key as one of the module's.
    'commonjs-to-esm': {
      status: 'verified',
      check: (r) => {
        expect(r.install?.legacyPeerDeps).toBe(true);
        expect(r.diff).toContain("+import * as schemas from './schemas';");
        expect(r.diff).toContain('+  const validate = ajv.compile(schemas[schema as keyof typeof schemas]);');
        expect(r.diff).toContain('+export { user, order };');
      },
    },
    'enzyme-to-rtl': NO_ENZYME,
  },
  'layered-config': {
    // @types/node 14 declares no node: modules; TypeScript 5.0 can take @types/node 16.
    'node-protocol-imports': {
      status: 'verified',
      check: (r) => {
        expect(packageJsonOnBranch(r).devDependencies?.['@types/node']).toBe('^16.0.0');
        expect(r.diff).toContain("+import * as fs from 'node:fs';");
      },
    },
    // No skipLibCheck and @types/node 14: the typecheck would compile Vitest's and Vite's
    // declarations, which use WebSocket, Worker, EventTarget and Symbol.asyncDispose (tried with
    // Vitest 0.34, the only major for Node >=16 and TypeScript 5.0: 12 errors in node_modules).
    'jest-to-vitest': { status: 'not-applicable', reason: /no skipLibCheck\) and @types\/node 14\.18\.63 lacks/ },
    'moment-to-dayjs': NO_MOMENT,
    'commonjs-to-esm': CJS_BY_CHOICE,
    'enzyme-to-rtl': NO_ENZYME,
  },
  'http-status-text': {
    'node-protocol-imports': NO_BUILTINS,
    'jest-to-vitest': {
      status: 'verified',
      check: (r) => {
        // The repository's Prettier config says double quotes; its lint script checks formatting.
        expect(r.diff).toMatch(/^\+import \{[^}]*\} from "vitest";$/m);
        expect(r.diff).not.toContain("'vitest'");
        // scripts/release.js would fail `eslint .`; the gate runs the repository's own lint script.
        expect(r.final.find((v) => v.kind === 'lint')).toMatchObject({ status: 'pass', command: 'npm run lint' });
      },
    },
    'moment-to-dayjs': NO_MOMENT,
    'commonjs-to-esm': CJS_BY_CHOICE,
    'enzyme-to-rtl': NO_ENZYME,
  },
  'report-cards': {
    'node-protocol-imports': NO_BUILTINS,
    'jest-to-vitest': {
      status: 'verified',
      check: (r) => {
        // A CommonJS project: no top-level await in the __mocks__ file; the real module comes in through an import.
        expect(diffFile(r, 'src/__mocks__/clock.ts')).not.toMatch(/^(const|let|export)[^\n]*\bawait\b/m);
        expect(diffFile(r, 'src/__mocks__/clock.ts')).toContain("import * as actual from '../clock';");
        // The snapshot file still matches (its keys and header are Vitest's now).
        expect(diffFile(r, 'test/__snapshots__/card.test.ts.snap')).toContain('renderCard > without grades > renders the header only 1');
      },
    },
    'moment-to-dayjs': NO_MOMENT,
    // The legacy module.exports next to a parameter named `module`.
    'commonjs-to-esm': {
      status: 'verified',
      check: (r) => {
        const legacy = diffFile(r, 'src/legacy/plugins.ts');
        expect(legacy).not.toContain('module.exports');
        expect(legacy).toContain('${module.name}@${module.version}');
      },
    },
    'enzyme-to-rtl': NO_ENZYME,
  },
};

let tmp: string;
let config: GodwitConfig;
/** runId → the source repository the run pushed into. */
const repos = new Map<string, string>();
const reports = new Map<string, RunReport | Error>();
/** Fresh checkout of each verified branch: undefined when green, else the failure. */
const freshChecks = new Map<string, string | undefined>();

/** Unset or `all`: every cell; `quick`: the cells that end before any install; `off`: none; else a list of repositories. */
const MODE = (process.env.REAL_SHAPES ?? 'all').trim() || 'all';
const NAMES = MODE === 'all' || MODE === 'quick' || MODE === 'off' ? undefined : MODE.split(',').map((n) => n.trim()).filter(Boolean);
if (NAMES) for (const n of NAMES) if (!REAL_SHAPES.some((s) => s.name === n)) throw new Error(`REAL_SHAPES: no repository named ${n} (${REAL_SHAPES.map((s) => s.name).join(', ')}; or all, quick, off)`);
const SHAPES = MODE === 'off' ? [] : REAL_SHAPES.filter((s) => !NAMES || NAMES.includes(s.name));
/** Ends before any install: not-applicable or no-changes. */
const early = (e: Expected): boolean => e.status === 'not-applicable' || e.status === 'no-changes';
const selected = (shape: RepoShape, id: MigrationId): boolean => SHAPES.includes(shape) && (MODE !== 'quick' || early(EXPECTED[shape.name]![id]));

function cell(shape: RepoShape, migration: MigrationId): string {
  return `${shape.name} × ${migration}`;
}

const execFileAsync = promisify(execFile);

/** The repository a cell starts from: the generated sources for a cell that ends before any install, else the template. */
async function runCell(shape: RepoShape, id: MigrationId, source: Promise<string>): Promise<void> {
  const key = cell(shape, id);
  try {
    const repo = copyRepo(await source, path.join(tmp, 'repos', `${shape.name}-${id}`));
    const report = await runJob({ migration: await getMigration(id), repo, config });
    repos.set(report.runId, repo);
    reports.set(key, report);
    if (report.status === 'verified') freshChecks.set(key, await checkBranchFresh(shape, repo, report.pr!.branch));
  } catch (error) {
    reports.set(key, error as Error);
  }
}

/** Clone the pushed branch into a new folder, install from its lockfile, run the repository's checks. */
async function checkBranchFresh(shape: RepoShape, repo: string, branch: string): Promise<string | undefined> {
  const dir = path.join(tmp, 'fresh', `${shape.name}-${branch.replace(/\W+/g, '-')}`);
  try {
    await execFileAsync('git', ['clone', '--quiet', '--branch', branch, repo, dir]);
    await installRepo(dir, shape.legacyPeerDeps);
    await runChecks(dir, shape.checks);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < tasks.length; i = next++) results[i] = await tasks[i]!();
    }),
  );
  return results;
}

/** A promise that never rejects unhandled (its failure is reported by each cell that awaits it). */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-real-shapes-e2e-'));
  mkdirSync(path.join(tmp, 'repos'));
  const workdir = path.join(tmp, 'work');
  mkdirSync(workdir);
  useSharedPackageCache(workdir);
  config = configSchema.parse({ workdir });
  const cells = SHAPES.flatMap((shape) => MIGRATIONS.filter((id) => selected(shape, id)).map((id) => ({ shape, id, quick: early(EXPECTED[shape.name]![id]) })));
  // The templates a slow cell needs start building now, two at a time (registry and child
  // processes); the quick cells run meanwhile on the sources (this process's CPU).
  const needed = SHAPES.filter((shape) => cells.some((c) => c.shape === shape && !c.quick));
  const building = new Map<string, Promise<string>>();
  const builds = needed.map((shape) => {
    let start!: () => void;
    building.set(shape.name, settled(new Promise<void>((resolve) => (start = resolve)).then(() => buildTemplate(shape))));
    return async (): Promise<void> => {
      start();
      await building.get(shape.name)!.catch(() => {});
    };
  });
  const sources = (shape: RepoShape): Promise<string> => Promise.resolve(buildSources(shape, path.join(tmp, 'sources', shape.name)));
  const sourceOf = new Map<string, Promise<string>>();
  const runs = cells.map((c) => (): Promise<void> => {
    const key = c.quick ? `sources:${c.shape.name}` : c.shape.name;
    if (c.quick && !sourceOf.has(key)) sourceOf.set(key, settled(sources(c.shape)));
    return runCell(c.shape, c.id, c.quick ? sourceOf.get(key)! : building.get(c.shape.name)!);
  });
  // Quick cells first, then the slow ones in the order their templates build.
  const order = [...cells.keys()].sort((a, b) => Number(cells[a]!.quick === false) - Number(cells[b]!.quick === false) || needed.indexOf(cells[a]!.shape) - needed.indexOf(cells[b]!.shape));
  await Promise.all([pool(builds, 2), pool(order.map((i) => runs[i]!), 2)]);
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

for (const shape of REAL_SHAPES) {
  describe(shape.name, () => {
    for (const id of MIGRATIONS) {
      const expected = EXPECTED[shape.name]![id];
      (!selected(shape, id) ? it.skip : expected.defect ? it.fails : it)(expected.defect ? `${id} (known defect: ${expected.defect})` : id, () => assertCell(shape, id, expected));
    }
  });
}

function assertCell(shape: RepoShape, id: MigrationId, expected: Expected): void {
  const report = reports.get(cell(shape, id));
  if (report instanceof Error) throw report;
  expect(report, 'the run produced a report').toBeDefined();
  const r = report!;
  const log = r.logs.map((l) => `${l.level} ${l.message}`).join('\n');
  expect(`${r.status}: ${r.reason}`, log).toMatch(new RegExp(`^${expected.status}: `));
  if (expected.reason) expect(r.reason).toMatch(expected.reason);
  if (expected.status === 'not-applicable' || expected.status === 'no-changes') {
    // Nothing to do is found before any install.
    expect(r.install).toBeUndefined();
    expect(r.pr).toBeUndefined();
  } else if (expected.status === 'verified') {
    expect(freshChecks.get(cell(shape, id)), `the pushed branch, cloned fresh, installs and passes ${shape.checks.join(', ')}`).toBeUndefined();
    expect(r.guards.filter((g) => g.severity === 'block')).toEqual([]);
    // The gate ran every check the repository declares, and each passed.
    expect(r.final.map((v) => `${v.kind}: ${v.status}`).sort()).toEqual(shape.checks.map((c) => `${c}: pass`).sort());
    // Every site left unchanged is expected, with its reason, in the log (none by default).
    const left = r.logs.map((l) => /^([^\s:]+):\d+:\d+: left for the agent: (.*)$/.exec(l.message)).filter((m) => m !== null);
    const want = expected.sitesLeft ?? [];
    expect(r.sites?.left ?? 0, `sites left unchanged:\n${left.map((m) => m[0]).join('\n')}`).toBe(want.length);
    for (const [file, reason] of want) expect(left.some((m) => m[1] === file && reason.test(m[2]!)), `${file} left: ${reason}`).toBe(true);
  }
  expected.check?.(r);
}

// When a cell fails, every run's status, reason and log are kept next to the templates.
afterAll(() => {
  if (reports.size === 0) return;
  const plain = Object.fromEntries([...reports].map(([k, v]) => [k, v instanceof Error ? { error: v.message } : { status: v.status, reason: v.reason, logs: v.logs.map((l) => l.message) }]));
  mkdirSync(TEMPLATE_ROOT, { recursive: true });
  writeFileSync(path.join(TEMPLATE_ROOT, 'last-e2e-reports.json'), JSON.stringify(plain, null, 2));
});

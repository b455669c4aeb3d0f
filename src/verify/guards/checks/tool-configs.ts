/**
 * tool-configs: the configuration the verifiers read is part of the rules a change is judged
 * by. The gate runs the base commit's commands, but ESLint, Jest, Vitest, Babel, Prettier and
 * the coverage tools read their configuration from the working tree when they run, so a change
 * that turns a lint rule off, excludes a test or lowers a coverage threshold would be judged by
 * its own weaker rules. Such a change blocks unless the migration lists the path (or the
 * package.json key) in `scope.allowProtected`; an allowed change is reported as a warning.
 *
 * Why a guard and not "run the verifiers with the base file": a migration sometimes must change
 * these files (jest-to-vitest replaces jest.config.js by vitest.config.ts; an ESM migration may
 * rename .eslintrc.js to .eslintrc.cjs), and the base file would not even load then. A declared
 * test-config change is still held to the runner reports (missing-tests, fewer-tests,
 * skipped-tests), and a lowered coverage threshold blocks even when the file is allowed.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { ChangedFile, GuardFinding } from '../../../report/run-report.js';
import { configReferences } from '../config-references.js';
import { allowanceOf, parseObject, readAfter, type Allowance, type ProtectedPath } from '../protected.js';
import type { Guard, GuardInput } from '../types.js';
import { baseFiles, baseText, baseTexts } from '../base-reads.js';

interface ToolConfig extends ProtectedPath {
  /** Holds test or coverage settings: coverage thresholds are compared across these. */
  tests?: boolean;
  /** Protected only when the file (before or after) has this, e.g. a vite config's `test` block. */
  when?: RegExp;
}

const JS = '{js,cjs,mjs,ts,cts,mts}';

export const TOOL_CONFIG_PATHS: ReadonlyArray<ToolConfig> = [
  { glob: `**/eslint.config.${JS}`, what: 'ESLint rules (read by the lint verifier)' },
  { glob: '**/.eslintrc{,.js,.cjs,.json,.yml,.yaml}', what: 'ESLint rules (read by the lint verifier)' },
  { glob: '**/.eslintignore', what: 'files ESLint skips' },
  { glob: `**/jest{,.*}.config.{${JS.slice(1, -1)},json}`, what: 'Jest configuration (which tests run, coverage thresholds)', tests: true },
  { glob: `**/vitest{,.*}.{config,workspace}.{${JS.slice(1, -1)},json}`, what: 'Vitest configuration (which tests run, coverage thresholds)', tests: true },
  { glob: `**/vite.config.${JS}`, what: 'the `test` block of the Vite configuration (read by Vitest)', tests: true, when: /\btest\s*:/ },
  { glob: '**/.mocharc.{js,cjs,mjs,json,jsonc,yml,yaml}', what: 'Mocha configuration', tests: true },
  { glob: '**/ava.config.{js,cjs,mjs}', what: 'AVA configuration', tests: true },
  { glob: '**/.nycrc{,.json,.yml,.yaml}', what: 'coverage thresholds (nyc)', tests: true },
  { glob: '**/nyc.config.{js,cjs,mjs}', what: 'coverage thresholds (nyc)', tests: true },
  { glob: '**/.c8rc{,.json}', what: 'coverage thresholds (c8)', tests: true },
  { glob: `**/babel.config.{${JS.slice(1, -1)},json}`, what: 'the Babel transform tests run through (babel-jest)' },
  { glob: '**/.babelrc{,.js,.cjs,.mjs,.json}', what: 'the Babel transform tests run through (babel-jest)' },
  { glob: '**/.prettierrc{,.json,.json5,.yml,.yaml,.toml,.js,.cjs,.mjs,.ts}', what: 'Prettier rules (checked by lint or a format check)' },
  { glob: `**/prettier.config.${JS}`, what: 'Prettier rules (checked by lint or a format check)' },
  { glob: '**/.prettierignore', what: 'files Prettier skips' },
];

/** package.json keys the same tools read. */
export const TOOL_CONFIG_PACKAGE_KEYS: Readonly<Record<string, { what: string; tests?: boolean }>> = {
  jest: { what: 'Jest configuration (which tests run, coverage thresholds)', tests: true },
  eslintConfig: { what: 'ESLint rules (read by the lint verifier)' },
  eslintIgnore: { what: 'files ESLint skips' },
  prettier: { what: 'Prettier rules (checked by lint or a format check)' },
  babel: { what: 'the Babel transform tests run through (babel-jest)' },
  mocha: { what: 'Mocha configuration', tests: true },
  ava: { what: 'AVA configuration', tests: true },
  nyc: { what: 'coverage thresholds (nyc)', tests: true },
  c8: { what: 'coverage thresholds (c8)', tests: true },
};

const matchers = TOOL_CONFIG_PATHS.map((p) => ({ ...p, match: picomatch(p.glob, { dot: true }) }));
const PACKAGE_JSON = /(?:^|\/)package\.json$/;
const isConfig = (p: string) => matchers.some((m) => m.match(p)) || PACKAGE_JSON.test(p);
const HINT = "the gate judges with the base commit's tool configuration; list it in the migration's scope.allowProtected if the change is intended";

const METRIC = /["']?\b(statements|branches|functions|lines)["']?\s*:\s*(-?\d+(?:\.\d+)?)\b/g;

/**
 * Coverage thresholds named in a config text, per metric, highest first. Jest, Vitest, nyc and
 * c8 all name them `statements`/`branches`/`functions`/`lines`; a lower number is always looser
 * (Jest's negative numbers are "at most N uncovered": -20 allows more than -10).
 */
export function coverageThresholds(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of text.matchAll(METRIC)) out.set(m[1]!, [...(out.get(m[1]!) ?? []), Number(m[2])]);
  for (const values of out.values()) values.sort((a, b) => b - a);
  return out;
}

/** Messages for every threshold that is lower after the change, or gone. */
export function loweredThresholds(before: Map<string, number[]>, after: Map<string, number[]>): string[] {
  const out: string[] = [];
  for (const [metric, was] of before) {
    const now = after.get(metric) ?? [];
    was.forEach((value, i) => {
      const next = now[i];
      if (next === undefined) out.push(`coverage threshold \`${metric}\` (${value} at base) is gone`);
      else if (next < value) out.push(`coverage threshold \`${metric}\` lowered from ${value} to ${next}`);
    });
  }
  return out;
}

function merge(into: Map<string, number[]>, from: Map<string, number[]>): void {
  for (const [k, v] of from) into.set(k, [...(into.get(k) ?? []), ...v].sort((a, b) => b - a));
}

/** The tool-config part of a package.json text, by key (JSON text of each value). */
function packageKeys(text: string | undefined): Record<string, string | undefined> {
  const pkg = parseObject(text);
  return Object.fromEntries(Object.keys(TOOL_CONFIG_PACKAGE_KEYS).map((k) => [k, pkg?.[k] === undefined ? undefined : JSON.stringify(pkg[k])]));
}

interface Pointer {
  file: ChangedFile;
  config: string;
  what: string;
  /** The config pointing to it is allowed by the migration (and so is every file it loads). */
  allowed: boolean;
}

/**
 * Changed files that a tool configuration (at the base commit, or as changed) points to: setup
 * files, local presets and transforms, an extended ESLint config. They are judged like the config
 * that loads them: allowed when the migration allows that config (jest-to-vitest rewrites the
 * setup files of the Jest config it replaces) or lists the file itself.
 */
async function referencedFiles(input: GuardInput, allow: Allowance): Promise<Pointer[]> {
  const { dir, changedFiles } = input;
  const candidates = new Map(changedFiles.filter((f) => !f.path.includes('node_modules/') && !isConfig(f.path)).map((f) => [f.path, f]));
  if (!candidates.size) return [];
  const tree = await baseFiles(input);
  const present = new Set([...tree, ...changedFiles.filter((f) => f.status !== 'deleted').map((f) => f.path)]);
  const exists = (p: string) => present.has(p);
  const stems = [...candidates.keys()].map((p) => path.posix.basename(p).replace(/\.[^.]*$/, ''));
  const found = new Map<string, Pointer>();
  const scan = (config: string, text: string | undefined, what: string, allowed: boolean): void => {
    if (!text || !stems.some((s) => text.includes(s))) return;
    for (const ref of configReferences(config, text, exists)) {
      const file = candidates.get(ref);
      // One loader that is not allowed is enough to protect the file.
      if (file && (!found.has(ref) || found.get(ref)!.allowed)) found.set(ref, { file, config, what, allowed });
    }
  };
  const changed = new Map(changedFiles.map((f) => [f.path, f]));
  const configs = [...new Set([...tree, ...changed.keys()])].filter((p) => !p.includes('node_modules/') && isConfig(p));
  // Every config's base text in one git process.
  const bases = await baseTexts(input, configs.filter((p) => changed.get(p)?.status !== 'added'));
  for (const p of configs) {
    const f = changed.get(p);
    const before = f?.status === 'added' ? undefined : bases.get(p);
    const after = f ? readAfter(dir, f) : undefined;
    if (PACKAGE_JSON.test(p)) {
      for (const text of [before, after]) {
        const pkg = parseObject(text);
        for (const [key, { what }] of Object.entries(TOOL_CONFIG_PACKAGE_KEYS)) {
          if (pkg?.[key] !== undefined) scan(`${p}#${key}`, JSON.stringify(pkg[key], null, 1), what, allow.packageKey(key));
        }
      }
      continue;
    }
    const hit = matchers.find((m) => m.match(p))!;
    if (hit.when && !hit.when.test(before ?? '') && !hit.when.test(after ?? '')) continue;
    for (const text of [before, after]) scan(p, text, hit.what, allow.path(p));
  }
  return [...found.values()];
}

export const toolConfigs: Guard = {
  name: 'tool-configs',
  description:
    'Changes to the configuration the verifiers read (ESLint, Jest, Vitest, Babel, Prettier, coverage tools, and their package.json keys), and any lowered coverage threshold.',
  // referencedFiles reads every config of the base tree.
  readsAtBase: (files) => files.filter((p) => !p.includes('node_modules/') && isConfig(p)),
  async check(input) {
    const { dir, changedFiles, migration } = input;
    const allow = allowanceOf(migration);
    const findings: GuardFinding[] = [];
    // Coverage thresholds over all changed test configs: jest.config.js may become vitest.config.ts.
    const thresholdsBefore = new Map<string, number[]>();
    const thresholdsAfter = new Map<string, number[]>();
    const report = (file: string, message: string, allowed: boolean): void => {
      findings.push(
        allowed
          ? { guard: 'tool-configs', severity: 'warn', message: `${message} (allowed by the migration)`, file }
          : { guard: 'tool-configs', severity: 'block', message: `${message}; ${HINT}`, file },
      );
    };
    const base = (f: ChangedFile) => (f.status === 'added' ? Promise.resolve(undefined) : baseText(input, f.path));

    for (const f of changedFiles) {
      if (f.path.includes('node_modules/')) continue;
      const hit = matchers.find((m) => m.match(f.path));
      if (hit) {
        const before = await base(f);
        const after = readAfter(dir, f);
        if (hit.when && !hit.when.test(before ?? '') && !hit.when.test(after ?? '')) continue;
        report(f.path, `${f.path} (${hit.what}) was ${f.status}`, allow.path(f.path));
        if (hit.tests) {
          merge(thresholdsBefore, coverageThresholds(before ?? ''));
          merge(thresholdsAfter, coverageThresholds(after ?? ''));
        }
      }
      if (PACKAGE_JSON.test(f.path)) {
        const before = packageKeys(await base(f));
        const after = packageKeys(readAfter(dir, f));
        for (const [key, { what, tests }] of Object.entries(TOOL_CONFIG_PACKAGE_KEYS)) {
          const [x, y] = [before[key], after[key]];
          if (x === y) continue;
          const how = x === undefined ? 'was added' : y === undefined ? 'was removed' : 'changed';
          const allowed = allow.packageKey(key);
          findings.push(
            allowed
              ? { guard: 'tool-configs', severity: 'warn', message: `${f.path}: "${key}" (${what}) ${how} (allowed by the migration: package.json#${key})`, file: f.path }
              : { guard: 'tool-configs', severity: 'block', message: `${f.path}: "${key}" (${what}) ${how}; ${HINT} as package.json#${key}`, file: f.path },
          );
          if (tests) {
            merge(thresholdsBefore, coverageThresholds(x ?? ''));
            merge(thresholdsAfter, coverageThresholds(y ?? ''));
          }
        }
      }
    }
    for (const r of await referencedFiles(input, allow)) {
      report(r.file.path, `${r.file.path} (loaded by ${r.config}: ${r.what}) was ${r.file.status}`, allow.path(r.file.path) || r.allowed);
    }
    // Allowed or not: a declared toolchain move must carry its thresholds over.
    for (const message of loweredThresholds(thresholdsBefore, thresholdsAfter)) {
      findings.push({ guard: 'tool-configs', severity: 'block', message: `${message} (in the changed test configuration); a change must not lower the bar it is judged by` });
    }
    return findings;
  },
};

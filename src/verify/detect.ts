/**
 * Detects the repository's own verifiers, preferring what the repository itself runs:
 * - an override (the repository's godwit settings from the base commit, or the campaign) sets a
 *   kind's command or turns it off;
 * - else its own script — `typecheck`/`type-check`/`tsc`, `lint`, `test` — with its `pre*`
 *   script and its environment settings. A script that plainly calls tsc, eslint, vitest or jest
 *   runs as that tool with the script's arguments plus machine-readable output (script.ts);
 *   any other script runs through the repository's package manager;
 * - else a generic command: `tsc --noEmit -p .` (tsconfig.json), `eslint .` (an ESLint config),
 *   `vitest run` / `jest --ci` (the runner it depends on).
 * Tools are the repository's own binaries, found the way npm finds them: `node_modules/.bin` of
 * the folder or an ancestor — never godwit's own (`npx godwit` puts those on PATH; tool-path.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VerifierKind } from '../report/run-report.js';
import type { VerifierOverride, VerifierOverrides } from './overrides.js';
import { parseScript, verifierArgs, type ParsedScript } from './script.js';

/**
 * `npm-script`: a script or configured command run as is (no structured output);
 * `missing`: the repository clearly uses the tool but it is not installed; it reports `error`.
 */
export type VerifierTool = 'tsc' | 'eslint' | 'vitest' | 'jest' | 'npm-script' | 'missing';

/** A command that runs before the verifier (a `pre*` script). */
export interface SetupCommand {
  bin: string;
  args: string[];
  label: string;
}

export interface Verifier {
  kind: VerifierKind;
  tool: VerifierTool;
  /** Executable (absolute path of a node_modules/.bin entry, `npm`/`pnpm`/`yarn`, or `sh`). */
  bin: string;
  /** Arguments before the per-run ones (output file, related files). */
  args: string[];
  /** Short display label, e.g. `npm run lint` or `tsc --noEmit -p .`. */
  label: string;
  /** Where the command comes from. */
  source?: 'override' | 'script' | 'detected';
  /** Environment settings of the script (`NODE_OPTIONS=--experimental-vm-modules jest`). */
  env?: Record<string, string>;
  /** Run first, in order; a failure fails the verifier (the script's `pre*` script). */
  before?: SetupCommand[];
}

/** The part of workspace's DetectedPackageManager detection needs (structural: verify does not import workspace). */
interface DetectedPackageManager {
  manager: 'npm' | 'pnpm' | 'yarn';
}

export interface DetectOptions {
  /** Per kind: a command, or false to skip it (the repository's settings, the campaign). */
  overrides?: VerifierOverrides;
  /** Scripts run with the repository's package manager (npm when undefined). */
  packageManager?: DetectedPackageManager;
}

export interface VerifyFlags {
  typecheck: boolean;
  lint: boolean;
  test: boolean;
}

const ESLINT_CONFIGS = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
  '.eslintrc',
  '.eslintrc.js',
  '.eslintrc.cjs',
  '.eslintrc.json',
  '.eslintrc.yml',
  '.eslintrc.yaml',
];
const VITEST_CONFIGS = ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs', 'vitest.workspace.ts'];
const JEST_CONFIGS = ['jest.config.js', 'jest.config.ts', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.json'];
const NPM_DEFAULT_TEST = /no test specified/;

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  eslintConfig?: unknown;
  jest?: unknown;
}

function readPackageJson(dir: string): PackageJson {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}

/** godwit's own checkout: its node_modules/.bin is never a repository's tool. */
const GODWIT_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** `node_modules/.bin/<name>` in `dir` or its nearest ancestor that has one (never godwit's own). */
export function findBin(dir: string, name: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, 'node_modules', '.bin', name);
    if (current !== GODWIT_ROOT && existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function runScript(pm: DetectedPackageManager | undefined, script: string): SetupCommand {
  const manager = pm?.manager ?? 'npm';
  const args = manager === 'yarn' ? ['run', script] : manager === 'pnpm' ? ['--silent', 'run', script] : ['run', '--silent', script];
  return { bin: manager, args, label: `${manager} run ${script}` };
}

function npmScript(kind: VerifierKind, script: string, pm?: DetectedPackageManager): Verifier {
  return { kind, tool: 'npm-script', source: 'script', ...runScript(pm, script) };
}

function missing(kind: VerifierKind, tool: string): Verifier {
  return { kind, tool: 'missing', bin: tool, args: [], label: `${tool} (not installed)` };
}

function hasDep(pkg: PackageJson, name: string): boolean {
  return Boolean(pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]);
}

/** A parsed script as its tool, or `missing` when the tool is not installed. */
function asTool(dir: string, kind: VerifierKind, parsed: ParsedScript, label: string, extra: Partial<Verifier>): Verifier {
  const bin = findBin(dir, parsed.tool);
  if (!bin) return missing(kind, parsed.tool);
  const env = { ...parsed.env, ...extra.env };
  return { kind, tool: parsed.tool, bin, args: verifierArgs(parsed), label, ...extra, ...(Object.keys(env).length ? { env } : {}) };
}

/** The repository's script `name` as a verifier: its tool when it plainly calls one, else the script. */
function fromScript(dir: string, kind: VerifierKind, pkg: PackageJson, name: string, pm: DetectedPackageManager | undefined): Verifier {
  const script = pkg.scripts![name]!;
  const pre = pkg.scripts?.[`pre${name}`];
  const parsed = parseScript(script);
  // The pre-script runs as its own step either way: the gate pins a script to its text (base-commands.ts), and `sh -c <text>` would skip it.
  const before = pre ? { before: [runScript(pm, `pre${name}`)] } : {};
  if (!parsed) return { ...npmScript(kind, name, pm), ...before };
  const label = runScript(pm, name).label;
  return asTool(dir, kind, parsed, label, { source: 'script', ...before });
}

function fromOverride(dir: string, kind: VerifierKind, override: Exclude<VerifierOverride, false>): Verifier {
  const command = typeof override === 'string' ? override : override.command;
  const env = typeof override === 'string' ? {} : (override.env ?? {});
  const parsed = parseScript(command);
  if (parsed) return asTool(dir, kind, parsed, command, { source: 'override', env });
  return { kind, tool: 'npm-script', bin: 'sh', args: ['-c', command], label: command, source: 'override', ...(Object.keys(env).length ? { env } : {}) };
}

const TYPECHECK_SCRIPTS = ['typecheck', 'type-check', 'tsc', 'check-types', 'types:check', 'typecheck:all'];

function detectTypecheck(dir: string, pkg: PackageJson, pm: DetectedPackageManager | undefined): Verifier | undefined {
  const script = TYPECHECK_SCRIPTS.find((s) => pkg.scripts?.[s]);
  if (script) return fromScript(dir, 'typecheck', pkg, script, pm);
  if (existsSync(path.join(dir, 'tsconfig.json'))) {
    const tsc = findBin(dir, 'tsc');
    if (tsc) return { kind: 'typecheck', tool: 'tsc', bin: tsc, args: ['--noEmit', '-p', '.', '--pretty', 'false'], label: 'tsc --noEmit -p .', source: 'detected' };
    // A TypeScript repository whose compiler is not installed must not pass unchecked.
    return missing('typecheck', 'tsc');
  }
  return undefined;
}

function detectLint(dir: string, pkg: PackageJson, pm: DetectedPackageManager | undefined): Verifier | undefined {
  if (pkg.scripts?.lint) return fromScript(dir, 'lint', pkg, 'lint', pm);
  const hasConfig = ESLINT_CONFIGS.some((f) => existsSync(path.join(dir, f))) || pkg.eslintConfig !== undefined;
  const eslint = hasConfig ? findBin(dir, 'eslint') : undefined;
  if (eslint) return { kind: 'lint', tool: 'eslint', bin: eslint, args: ['.', '--format', 'json'], label: 'eslint .', source: 'detected' };
  if (hasConfig) return missing('lint', 'eslint');
  return undefined;
}

function detectTest(dir: string, pkg: PackageJson, pm: DetectedPackageManager | undefined): Verifier | undefined {
  const testScript = pkg.scripts?.test && !NPM_DEFAULT_TEST.test(pkg.scripts.test) ? pkg.scripts.test : undefined;
  if (testScript) return fromScript(dir, 'test', pkg, 'test', pm);
  const usesVitest = hasDep(pkg, 'vitest') || VITEST_CONFIGS.some((f) => existsSync(path.join(dir, f)));
  const usesJest = hasDep(pkg, 'jest') || JEST_CONFIGS.some((f) => existsSync(path.join(dir, f))) || pkg.jest !== undefined;
  if (usesVitest) {
    const vitest = findBin(dir, 'vitest');
    if (vitest) return { kind: 'test', tool: 'vitest', bin: vitest, args: ['run', '--reporter=json'], label: 'vitest run', source: 'detected' };
  }
  if (usesJest) {
    const jest = findBin(dir, 'jest');
    if (jest) return { kind: 'test', tool: 'jest', bin: jest, args: ['--ci', '--json'], label: 'jest --ci', source: 'detected' };
  }
  if (usesVitest || usesJest) return missing('test', usesVitest ? 'vitest' : 'jest');
  return undefined;
}

const DETECTORS: Record<VerifierKind, (dir: string, pkg: PackageJson, pm: DetectedPackageManager | undefined) => Verifier | undefined> = {
  typecheck: detectTypecheck,
  lint: detectLint,
  test: detectTest,
};

/** The verifiers this repository has, limited to the kinds the migration asks for. */
export function detectVerifiers(dir: string, flags: VerifyFlags = { typecheck: true, lint: true, test: true }, options: DetectOptions = {}): Verifier[] {
  const pkg = readPackageJson(dir);
  const kinds: VerifierKind[] = ['typecheck', 'lint', 'test'];
  const found = kinds.map((kind) => {
    if (!flags[kind]) return undefined;
    const override = options.overrides?.[kind];
    if (override === false) return undefined;
    if (override !== undefined) return fromOverride(dir, kind, override);
    return DETECTORS[kind](dir, pkg, options.packageManager);
  });
  return found.filter((v): v is Verifier => v !== undefined);
}

/**
 * The verifiers after a change: detected again, because a migration may replace the toolchain
 * itself (jest → vitest, eslintrc → flat config). A kind found at baseline but not any more keeps
 * its baseline verifier, so the gate still runs it (and sees it fail) instead of dropping it.
 */
export function redetectVerifiers(dir: string, flags: VerifyFlags, previous: ReadonlyArray<Verifier>, options: DetectOptions = {}): Verifier[] {
  const now = detectVerifiers(dir, flags, options);
  const kinds: VerifierKind[] = ['typecheck', 'lint', 'test'];
  return kinds.flatMap((kind) => {
    const v = now.find((n) => n.kind === kind) ?? previous.find((p) => p.kind === kind);
    return v ? [v] : [];
  });
}

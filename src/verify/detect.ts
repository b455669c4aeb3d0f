/**
 * Detects the repository's own verifiers from its contents: typecheck (tsconfig.json → its
 * own tsc, or its `typecheck` script), lint (an ESLint config → its eslint, or its `lint`
 * script), tests (vitest / jest / its `test` script). Tools are the repository's own
 * binaries, found the way npm finds them: `node_modules/.bin` of the folder or an ancestor.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VerifierKind } from '../report/run-report.js';

/** `missing`: the repository clearly uses the tool but it is not installed; it reports `error`. */
export type VerifierTool = 'tsc' | 'eslint' | 'vitest' | 'jest' | 'npm-script' | 'missing';

export interface Verifier {
  kind: VerifierKind;
  tool: VerifierTool;
  /** Executable (absolute path of a node_modules/.bin entry, or `npm`). */
  bin: string;
  /** Arguments before the per-run ones (output file, related files). */
  args: string[];
  /** Short display label, e.g. `tsc --noEmit -p .`. */
  label: string;
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

/** `node_modules/.bin/<name>` in `dir` or its nearest ancestor that has one. */
export function findBin(dir: string, name: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, 'node_modules', '.bin', name);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function npmScript(kind: VerifierKind, script: string): Verifier {
  return { kind, tool: 'npm-script', bin: 'npm', args: ['run', '--silent', script], label: `npm run ${script}` };
}

function missing(kind: VerifierKind, tool: string): Verifier {
  return { kind, tool: 'missing', bin: tool, args: [], label: `${tool} (not installed)` };
}

function hasDep(pkg: PackageJson, name: string): boolean {
  return Boolean(pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]);
}

function detectTypecheck(dir: string, pkg: PackageJson): Verifier | undefined {
  if (existsSync(path.join(dir, 'tsconfig.json'))) {
    const tsc = findBin(dir, 'tsc');
    if (tsc) return { kind: 'typecheck', tool: 'tsc', bin: tsc, args: ['--noEmit', '-p', '.', '--pretty', 'false'], label: 'tsc --noEmit -p .' };
  }
  if (pkg.scripts?.typecheck) return npmScript('typecheck', 'typecheck');
  // A TypeScript repository whose compiler is not installed must not pass unchecked.
  if (existsSync(path.join(dir, 'tsconfig.json'))) return missing('typecheck', 'tsc');
  return undefined;
}

function detectLint(dir: string, pkg: PackageJson): Verifier | undefined {
  const hasConfig = ESLINT_CONFIGS.some((f) => existsSync(path.join(dir, f))) || pkg.eslintConfig !== undefined;
  const eslint = hasConfig ? findBin(dir, 'eslint') : undefined;
  if (eslint) return { kind: 'lint', tool: 'eslint', bin: eslint, args: ['.', '--format', 'json'], label: 'eslint .' };
  if (pkg.scripts?.lint) return npmScript('lint', 'lint');
  if (hasConfig) return missing('lint', 'eslint');
  return undefined;
}

function detectTest(dir: string, pkg: PackageJson): Verifier | undefined {
  const testScript = pkg.scripts?.test && !NPM_DEFAULT_TEST.test(pkg.scripts.test) ? pkg.scripts.test : undefined;
  const usesVitest =
    hasDep(pkg, 'vitest') || VITEST_CONFIGS.some((f) => existsSync(path.join(dir, f))) || /\bvitest\b/.test(testScript ?? '');
  const usesJest = hasDep(pkg, 'jest') || JEST_CONFIGS.some((f) => existsSync(path.join(dir, f))) || pkg.jest !== undefined || /\bjest\b/.test(testScript ?? '');
  if (usesVitest) {
    const vitest = findBin(dir, 'vitest');
    if (vitest) return { kind: 'test', tool: 'vitest', bin: vitest, args: ['run', '--reporter=json'], label: 'vitest run' };
  }
  if (usesJest) {
    const jest = findBin(dir, 'jest');
    if (jest) return { kind: 'test', tool: 'jest', bin: jest, args: ['--ci', '--json'], label: 'jest --ci' };
  }
  if (testScript) return npmScript('test', 'test');
  if (usesVitest || usesJest) return missing('test', usesVitest ? 'vitest' : 'jest');
  return undefined;
}

/** The verifiers this repository has, limited to the kinds the migration asks for. */
export function detectVerifiers(dir: string, flags: VerifyFlags = { typecheck: true, lint: true, test: true }): Verifier[] {
  const pkg = readPackageJson(dir);
  const found: Array<Verifier | undefined> = [
    flags.typecheck ? detectTypecheck(dir, pkg) : undefined,
    flags.lint ? detectLint(dir, pkg) : undefined,
    flags.test ? detectTest(dir, pkg) : undefined,
  ];
  return found.filter((v): v is Verifier => v !== undefined);
}

/**
 * The verifiers after a change: detected again, because a migration may replace the toolchain
 * itself (jest → vitest, eslintrc → flat config). A kind found at baseline but not any more keeps
 * its baseline verifier, so the gate still runs it (and sees it fail) instead of dropping it.
 */
export function redetectVerifiers(dir: string, flags: VerifyFlags, previous: ReadonlyArray<Verifier>): Verifier[] {
  const now = detectVerifiers(dir, flags);
  const kinds: VerifierKind[] = ['typecheck', 'lint', 'test'];
  return kinds.flatMap((kind) => {
    const v = now.find((n) => n.kind === kind) ?? previous.find((p) => p.kind === kind);
    return v ? [v] : [];
  });
}

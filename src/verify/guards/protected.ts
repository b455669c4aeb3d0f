/**
 * What the protected-files guard protects, and how a migration allows a change: its
 * `scope.allowProtected` lists path globs (`.github/workflows/**`) and `package.json#<key>`
 * globs (`package.json#scripts.test`, `package.json#devDependencies.jsdom`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { MigrationDefinition } from '../../catalog/definition.js';
import type { ChangedFile } from '../../report/run-report.js';

export interface ProtectedPath {
  glob: string;
  /** Why it is protected, as shown in the finding. */
  what: string;
}

export const PROTECTED_PATHS: ReadonlyArray<ProtectedPath> = [
  { glob: '**/.npmrc', what: 'npm configuration (registry, script-shell, hooks)' },
  { glob: '**/.yarnrc', what: 'Yarn configuration' },
  { glob: '**/.yarnrc.yml', what: 'Yarn configuration (registry, yarnPath, plugins)' },
  { glob: '.yarn/{releases,plugins}/**', what: 'code Yarn runs' },
  { glob: '**/.pnpmfile.cjs', what: 'pnpm install hooks' },
  { glob: '**/pnpm-workspace.yaml', what: 'pnpm workspace and build settings' },
  { glob: '.github/**', what: 'CI workflows and repository automation' },
  { glob: '.gitlab-ci.yml', what: 'CI configuration' },
  { glob: '.gitlab/**', what: 'CI configuration' },
  { glob: '.circleci/**', what: 'CI configuration' },
  { glob: '.travis.yml', what: 'CI configuration' },
  { glob: '.buildkite/**', what: 'CI configuration' },
  { glob: '{azure-pipelines.yml,bitbucket-pipelines.yml,.drone.yml,appveyor.yml,Jenkinsfile}', what: 'CI configuration' },
  { glob: '.husky/**', what: 'git hooks (husky)' },
  { glob: '{.,}lefthook{,-local}.{yml,yaml,json,toml}', what: 'git hooks (lefthook)' },
  { glob: '.lefthook/**', what: 'git hooks (lefthook)' },
  { glob: '{.,}simple-git-hooks.{js,cjs,mjs,json}', what: 'git hooks (simple-git-hooks)' },
  { glob: '.pre-commit-config.yaml', what: 'git hooks (pre-commit)' },
  { glob: '{.githooks,.git-hooks}/**', what: 'git hooks' },
  { glob: '.godwit.json', what: "the repository's godwit settings (read from the base commit only)" },
];

/** package.json keys whose change is protected (besides `scripts`, which is checked per script). */
export const PROTECTED_PACKAGE_KEYS: Readonly<Record<string, string>> = {
  godwit: "the repository's godwit settings (read from the base commit only)",
  husky: 'git hooks (husky)',
  'simple-git-hooks': 'git hooks (simple-git-hooks)',
  gitHooks: 'git hooks (yorkie)',
  'pre-commit': 'git hooks (pre-commit)',
  'pre-push': 'git hooks (pre-push)',
  packageManager: 'the package manager corepack downloads and runs',
  overrides: 'dependency resolution (npm overrides)',
  resolutions: 'dependency resolution (yarn resolutions)',
  pnpm: 'pnpm settings (overrides, build scripts)',
};

/**
 * Scripts npm, pnpm or yarn run by themselves: on install, on pack/publish, and any `pre<x>` /
 * `post<x>` hook, which runs around `npm run <x>`.
 */
export function isLifecycleScript(name: string): boolean {
  return /^(?:pre|post)/.test(name) || ['install', 'prepare', 'publish', 'uninstall', 'version', 'dependencies', 'prepublishOnly', 'prepack', 'postpack'].includes(name);
}

export interface Allowance {
  path(path: string): boolean;
  /** `key` as `scripts.test`, `devDependencies.jsdom`, `packageManager`. */
  packageKey(key: string): boolean;
  /** Listed by its exact name, no glob and no parent (required for new lifecycle scripts). */
  exactPackageKey(key: string): boolean;
}

export function allowanceOf(migration: Pick<MigrationDefinition, 'scope'>): Allowance {
  const entries = migration.scope.allowProtected;
  const paths = entries.filter((e) => !e.startsWith('package.json#'));
  const keys = entries.filter((e) => e.startsWith('package.json#')).map((e) => e.slice('package.json#'.length));
  const pathMatch = paths.length ? picomatch(paths, { dot: true }) : () => false;
  // Keys are dotted, script names hold ':' — match them like paths with '.' as the separator.
  const keyMatchers = keys.map((k) => picomatch(k.replace(/\./g, '/'), { dot: true }));
  return {
    path: (p) => pathMatch(p),
    exactPackageKey: (key) => keys.includes(key),
    // A key is allowed when it or a parent is listed (`package.json#scripts` allows every script).
    packageKey: (key) => {
      const parts = key.split('.');
      return parts.some((_, i) => keyMatchers.some((m) => m(parts.slice(0, i + 1).join('/'))));
    },
  };
}

/** A JSON object, or undefined when `text` is missing or not one. */
export function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A changed file's text after the change (undefined when deleted or unreadable). */
export function readAfter(dir: string, f: Pick<ChangedFile, 'path' | 'status'>): string | undefined {
  if (f.status === 'deleted') return undefined;
  try {
    return readFileSync(path.join(dir, f.path), 'utf8');
  } catch {
    return undefined;
  }
}

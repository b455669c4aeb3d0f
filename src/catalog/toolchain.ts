/**
 * The repository's resolved toolchain, for migrations that must fit it (which Vitest major,
 * whether @types/node knows `node:` modules): installed versions from the clone's node_modules
 * when present, else the lowest version the declared range allows. Read without running
 * anything from the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { ts } from 'ts-morph';

export interface Toolchain {
  /** TypeScript version (installed, else the declared range's minimum). */
  typescript: string | undefined;
  /** `engines.node` as declared. */
  nodeEngines: string | undefined;
  /** Lowest Node version engines.node allows. */
  nodeMin: string | undefined;
  /** @types/node version (installed, else the declared range's minimum). */
  typesNode: string | undefined;
  /** Declared @types/node range. */
  typesNodeRange: string | undefined;
  /** tsconfig compilerOptions.module / moduleResolution, lower-cased (undefined: not set). */
  module: string | undefined;
  moduleResolution: string | undefined;
  /** tsconfig compilerOptions.skipLibCheck: false when the typecheck compiles dependencies' declarations. */
  skipLibCheck?: boolean;
  /** tsconfig compilerOptions.lib, lower-cased (undefined: the target's default, which includes DOM). */
  lib?: string[];
  /** package.json `type`. */
  packageType: 'module' | 'commonjs';
  /** The test runner the repository depends on. */
  testRunner: 'jest' | 'vitest' | 'mocha' | 'ava' | undefined;
}

const DEP_FIELDS = ['devDependencies', 'dependencies', 'peerDependencies', 'optionalDependencies'] as const;

function declared(pkg: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const field of DEP_FIELDS) {
    const deps = pkg?.[field] as Record<string, unknown> | undefined;
    if (typeof deps?.[name] === 'string') return deps[name] as string;
  }
  return undefined;
}

function minOf(range: string | undefined): string | undefined {
  if (!range || !semver.validRange(range)) return undefined;
  try {
    return semver.minVersion(range)?.version;
  } catch {
    return undefined;
  }
}

function installed(dir: string, name: string): string | undefined {
  const file = path.join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    const v = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' && semver.valid(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function compilerOptions(dir: string): Record<string, unknown> {
  const file = path.join(dir, 'tsconfig.json');
  if (!existsSync(file)) return {};
  const read = ts.readConfigFile(file, (f) => readFileSync(f, 'utf8'));
  const options = (read.config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions;
  return options ?? {};
}

export function readToolchain(dir: string, packageJson: Record<string, unknown> | undefined): Toolchain {
  const options = compilerOptions(dir);
  const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);
  const engines = (packageJson?.engines as Record<string, unknown> | undefined)?.node;
  const nodeEngines = typeof engines === 'string' ? engines : undefined;
  const typesNodeRange = declared(packageJson, '@types/node');
  const has = (name: string): boolean => declared(packageJson, name) !== undefined;
  return {
    typescript: installed(dir, 'typescript') ?? minOf(declared(packageJson, 'typescript')),
    nodeEngines,
    nodeMin: minOf(nodeEngines),
    typesNode: typesNodeRange ? (installed(dir, '@types/node') ?? minOf(typesNodeRange)) : undefined,
    typesNodeRange,
    module: lower(options.module),
    moduleResolution: lower(options.moduleResolution),
    skipLibCheck: options.skipLibCheck === true,
    ...(Array.isArray(options.lib) ? { lib: options.lib.filter((l): l is string => typeof l === 'string').map((l) => l.toLowerCase()) } : {}),
    packageType: packageJson?.type === 'module' ? 'module' : 'commonjs',
    testRunner: has('vitest') ? 'vitest' : has('jest') ? 'jest' : has('mocha') ? 'mocha' : has('ava') ? 'ava' : undefined,
  };
}

/** One line for logs and not-applicable reasons. */
export function describeToolchain(t: Toolchain): string {
  return [
    t.typescript && `TypeScript ${t.typescript}`,
    t.nodeEngines && `engines.node "${t.nodeEngines}"`,
    t.typesNode && `@types/node ${t.typesNode}`,
    t.moduleResolution && `moduleResolution ${t.moduleResolution}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * jest-to-vitest codemod: test files (rewrite-test-file.ts), the Jest config → vitest.config.ts,
 * and package.json scripts. Dependencies are changed by the migration's `packages`
 * (jsdom is added here only when the config asks for that environment).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import type { CodemodContext } from '../../src/catalog/definition.js';
import { readJestConfig } from './jest-config.js';
import { rewriteTestFile } from './rewrite-test-file.js';
import { rewriteSnapshotFile } from './snapshots.js';
import { readToolchain } from '../../src/catalog/toolchain.js';
import { rewriteScript } from './scripts.js';
import { dropJestTypesInTsconfigs } from './tsconfig-types.js';
import { chooseVitest } from './toolchain.js';
import { allowsTopLevelAwait } from './top-level-await.js';
import { toVitestConfig } from './vitest-config.js';

const JSDOM_RANGE = '^26.1.0';

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function updatePackageJson(dir: string, dropJestKey: boolean, needsJsdom: boolean): void {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return;
  const before = readFileSync(file, 'utf8');
  const pkg = JSON.parse(before) as Record<string, unknown>;
  const scripts = pkg.scripts as Record<string, string> | undefined;
  // Jest's flags become the equivalents of the Vitest major this repository gets.
  const serialFlag = chooseVitest(readToolchain(dir, pkg)).choice?.serialFlag ?? '--no-file-parallelism';
  for (const [name, script] of Object.entries(scripts ?? {})) scripts![name] = rewriteScript(script, { serialFlag });
  if (dropJestKey) delete pkg.jest;
  if (needsJsdom) {
    const dev = (pkg.devDependencies ??= {}) as Record<string, string>;
    const deps = (pkg.dependencies ?? {}) as Record<string, string>;
    if (!dev.jsdom && !deps.jsdom) dev.jsdom = JSDOM_RANGE;
  }
  const indent = /^\{\n(\s+)"/.exec(before)?.[1] ?? '  ';
  const after = `${JSON.stringify(pkg, null, indent)}\n`;
  if (after !== before) writeFileSync(file, after);
}

/** `__snapshots__/<test file>.snap` next to a test file, rewritten for Vitest (snapshots.ts). */
function rewriteSnapshots(sf: SourceFile, ctx: CodemodContext): void {
  const file = path.join(path.dirname(sf.getFilePath()), '__snapshots__', `${path.basename(sf.getFilePath())}.snap`);
  if (!existsSync(file)) return;
  const before = readFileSync(file, 'utf8');
  const { text, leftovers } = rewriteSnapshotFile(before, sf);
  if (text !== before) writeFileSync(file, text);
  const rel = path.relative(ctx.dir, file).split(path.sep).join('/');
  for (const l of leftovers) ctx.leave({ file: rel, ...l });
}

const TEST_GLOBS = ['**/*.{test,spec}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', '**/__tests__/**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', '**/__mocks__/**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}'];

export default function jestToVitest(project: Project, ctx: CodemodContext): void {
  const jest = readJestConfig(ctx.dir);
  // The workspace Project follows tsconfig, which often leaves tests out: load them explicitly.
  const root = ctx.dir.split(path.sep).join('/');
  const setup = ['setupFiles', 'setupFilesAfterEnv'].flatMap((k) => {
    const v = jest?.values[k];
    return Array.isArray(v) ? v.map((p) => `${root}/${String(p).replace(/^<rootDir>\/?/, '').replace(/^\.\//, '')}`) : [];
  });
  project.addSourceFilesAtPaths([...TEST_GLOBS.map((g) => `${root}/${g}`), ...setup, `!${root}/**/node_modules/**`]);
  const toolchain = readToolchain(ctx.dir, readPackageJson(ctx.dir));
  for (const sf of project.getSourceFiles()) {
    if (sf.isDeclarationFile() || sf.getFilePath().includes('/node_modules/')) continue;
    const rel = path.relative(ctx.dir, sf.getFilePath());
    if (/(^|\/)(jest|vitest)\.config\.[cm]?[jt]s$/.test(rel)) continue;
    const { changed, leftovers } = rewriteTestFile(sf, { topLevelAwait: allowsTopLevelAwait(toolchain, rel) });
    if (changed) ctx.log(`${rel}: rewritten for vitest`);
    for (const l of leftovers) ctx.leave({ file: rel, ...l });
    rewriteSnapshots(sf, ctx);
  }

  const config = toVitestConfig(jest);
  const target = path.join(ctx.dir, 'vitest.config.ts');
  if (!existsSync(target) && !existsSync(path.join(ctx.dir, 'vitest.config.mts'))) writeFileSync(target, config.text);
  if (jest && jest.source !== 'package.json') {
    rmSync(path.join(ctx.dir, jest.source));
    // The codemod's project must not write the deleted config back when it saves.
    project.getSourceFile(path.join(ctx.dir, jest.source))?.forget();
  }
  const configFile = existsSync(target) ? 'vitest.config.ts' : existsSync(path.join(ctx.dir, 'vitest.config.mts')) ? 'vitest.config.mts' : 'package.json';
  for (const key of config.unhandled) {
    ctx.leave({ file: configFile, line: 1, column: 1, reason: `jest config "${key}" (from ${jest?.source ?? 'package.json'}) has no deterministic vitest equivalent` });
  }
  updatePackageJson(ctx.dir, jest?.source === 'package.json', config.needsJsdom);
  for (const file of dropJestTypesInTsconfigs(ctx.dir)) ctx.log(`${file}: "jest" removed from compilerOptions.types (the tests import from vitest)`);
}

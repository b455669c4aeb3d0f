/**
 * Whether a file of this repository may hold a top-level `await` once it is a Vitest file: tsc
 * rejects one (TS1378) unless the file is an ES module compiled with module es2022, esnext,
 * system or preserve (or node16+ for an ES module file). Without a tsconfig `module` setting
 * nothing compiles the file but Vitest, which allows it.
 */
import type { Toolchain } from '../../src/catalog/toolchain.js';

const ESM_MODULES = new Set(['es2022', 'esnext', 'system', 'preserve']);
const NODE_MODULES = new Set(['node16', 'node18', 'node20', 'nodenext']);
const NO_TLA_MODULES = new Set(['commonjs', 'amd', 'umd', 'none', 'es6', 'es2015', 'es2020']);

export function allowsTopLevelAwait(t: Pick<Toolchain, 'module' | 'packageType'>, file: string): boolean {
  if (/\.c[jt]s$/.test(file)) return false;
  if (t.module === undefined) return true;
  if (ESM_MODULES.has(t.module)) return true;
  if (NODE_MODULES.has(t.module)) return /\.m[jt]s$/.test(file) || t.packageType === 'module';
  return !NO_TLA_MODULES.has(t.module);
}

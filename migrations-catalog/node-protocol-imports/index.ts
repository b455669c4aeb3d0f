import semver from 'semver';
import { defineMigration } from '../../src/catalog/define.js';
import type { Applicability, RepoSnapshot } from '../../src/catalog/definition.js';
import { enginesNode } from '../../src/catalog/applicability.js';
import { nodeProtocolCodemod } from './codemod.js';

/** `node:` specifiers work in ESM imports since Node 14.18 and in require() since 16.0. */
const ESM_MIN = '14.18.0';
const CJS_MIN = '16.0.0';

export function checkNodeEngines(repo: RepoSnapshot): Applicability {
  const range = enginesNode(repo.packageJson);
  if (range === undefined) return { applies: true, reason: 'package.json has no engines.node; assuming a Node version with node: support' };
  const valid = semver.validRange(range);
  const min = valid ? semver.minVersion(valid) : null;
  if (!min) return { applies: false, reason: `engines.node "${range}" is not a valid semver range` };
  const esm = repo.packageJson?.type === 'module';
  const needed = esm ? ESM_MIN : CJS_MIN;
  if (semver.lt(min, needed)) {
    return {
      applies: false,
      reason: `engines.node "${range}" allows Node ${min.version}, which has no node: specifiers for ${esm ? 'ESM imports (needs >=14.18)' : 'require() (needs >=16.0)'}`,
    };
  }
  return { applies: true, reason: `engines.node "${range}" only allows Node versions with node: support` };
}

export default defineMigration({
  id: 'node-protocol-imports',
  title: 'Use node: specifiers for Node.js built-in modules',
  description:
    'Rewrites imports, re-exports, require() calls, dynamic import() and vi.mock/jest.mock of Node.js built-in modules (fs, path, fs/promises, …) to the explicit node: protocol.',
  appliesTo: { check: checkNodeEngines },
  codemod: nodeProtocolCodemod,
  scope: { include: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], exclude: [], maxChangedFiles: 500, maxChangedLines: 5000 },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  pr: {
    title: 'Use node: specifiers for Node.js built-in modules',
    body: 'Imports of Node.js built-in modules in {{repo}} now use the explicit `node:` protocol, so they can never resolve to a package from node_modules with the same name.',
    labels: ['godwit', 'node-protocol'],
  },
});

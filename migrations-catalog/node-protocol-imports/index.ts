import semver from 'semver';
import { defineMigration } from '../../src/catalog/define.js';
import type { Applicability, RepoSnapshot } from '../../src/catalog/definition.js';
import { enginesNode } from '../../src/catalog/applicability.js';
import { readToolchain } from '../../src/catalog/toolchain.js';
import { nodeProtocolCodemod } from './codemod.js';
import { locateBareBuiltins } from './locate.js';

/** @types/node declares the `node:` modules from 16.0 on; its 16.x declarations need TypeScript 4.5. */
const TYPES_NODE_MIN = '16.0.0';
const TYPESCRIPT_FOR_TYPES_16 = '4.5.0';

/** The @types/node range to move to when the declared one has no `node:` modules (undefined: no change needed). */
export function typesNodeUpgrade(repo: RepoSnapshot): { range: string | undefined; blocked?: string } {
  const t = readToolchain(repo.dir, repo.packageJson);
  if (!t.typesNode || semver.gte(t.typesNode, TYPES_NODE_MIN)) return { range: undefined };
  if (t.typescript && semver.lt(t.typescript, TYPESCRIPT_FOR_TYPES_16)) {
    return {
      range: undefined,
      blocked: `@types/node ${t.typesNode} declares no node: modules (needs >=16), and @types/node 16 needs TypeScript >=4.5 (the repository has ${t.typescript})`,
    };
  }
  // The @types/node major of the oldest Node the repository supports (even = LTS), at least 16.
  const nodeMajor = t.nodeMin ? semver.major(t.nodeMin) : 16;
  const major = Math.max(16, nodeMajor - (nodeMajor % 2));
  return { range: `^${major}.0.0` };
}

function checkApplicability(repo: RepoSnapshot): Applicability {
  const engines = checkNodeEngines(repo);
  if (!engines.applies) return engines;
  const types = typesNodeUpgrade(repo);
  if (types.blocked) return { applies: false, reason: types.blocked };
  return types.range ? { applies: true, reason: `${engines.reason}; @types/node is upgraded to ${types.range} for the node: modules` } : engines;
}

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
  appliesTo: { check: checkApplicability },
  codemod: nodeProtocolCodemod,
  target: { locate: locateBareBuiltins },
  // For what the codemod leaves: test/bundler configs that alias a bare built-in (config-aliases.ts).
  prompt: 'prompt.md',
  // An @types/node without node: modules is upgraded (a declared dependency change), else nothing.
  packagesFor(repo) {
    const range = typesNodeUpgrade(repo).range;
    const upgrade: Record<string, string> = range ? { '@types/node': range } : {};
    return { add: {}, addDev: {}, remove: [], upgrade };
  },
  scope: {
    include: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    exclude: [],
    maxChangedFiles: 500,
    maxChangedLines: 5000,
    // A Vite/Vitest alias or Jest moduleNameMapper of a bare built-in is handed to the agent
    // (config-aliases.ts), which may have to make it match `node:<name>` too.
    allowProtected: ['**/vite.config.*', '**/vitest.config.*', '**/vitest.*.config.*', '**/jest.config.*', '**/jest.*.config.*'],
  },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  pr: {
    title: 'Use node: specifiers for Node.js built-in modules',
    body: 'Imports of Node.js built-in modules in {{repo}} now use the explicit `node:` protocol, so they can never resolve to a package from node_modules with the same name.',
    labels: ['godwit', 'node-protocol'],
  },
});

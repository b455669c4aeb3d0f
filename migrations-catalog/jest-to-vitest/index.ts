import { defineMigration } from '../../src/catalog/define.js';
import codemod from './codemod.js';
import { locateJestApi } from './locate.js';
import { readToolchain } from '../../src/catalog/toolchain.js';
import { readJestConfig } from './jest-config.js';
import { chooseVitest } from './toolchain.js';

const REMOVE = ['jest', '@types/jest', 'ts-jest', 'babel-jest', 'jest-environment-jsdom', '@jest/globals'];

export default defineMigration({
  id: 'jest-to-vitest',
  title: 'Move tests from Jest to Vitest',
  description:
    'Rewrites Jest globals and jest.* APIs to Vitest with explicit imports, turns the Jest config into vitest.config.ts, and swaps the test scripts and devDependencies.',
  appliesTo: {
    dependencies: { jest: '>=24' },
    files: ['**/*.{test,spec}.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', '**/__tests__/**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}'],
    check(repo) {
      const jest = readJestConfig(repo.dir);
      const preset = jest?.values.preset;
      if (preset === 'react-native' || preset === 'jest-expo') {
        return { applies: false, reason: `jest preset "${String(preset)}" has no Vitest equivalent` };
      }
      const vitest = chooseVitest(readToolchain(repo.dir, repo.packageJson));
      if (!vitest.choice) return { applies: false, reason: vitest.reason };
      return { applies: true, reason: `the repository runs its tests with Jest; ${vitest.reason}` };
    },
  },
  codemod,
  target: { locate: locateJestApi },
  prompt: 'prompt.md',
  scope: {
    include: ['**/*'],
    exclude: ['**/node_modules/**', 'dist/**', 'build/**', 'coverage/**'],
    maxChangedFiles: 300,
    maxChangedLines: 8000,
    // The codemod rewrites the scripts that run Jest, adds jsdom when the Jest config used it, and
    // turns the Jest config (a file or the package.json key) into vitest.config.ts. Changed test
    // configs are still held to the runner reports and to the coverage thresholds (tool-configs).
    // Snapshot files may get Vitest's keys and header; with changesToolchain the snapshots guard
    // still blocks any changed stored value.
    allowProtected: [
      'package.json#scripts.*',
      'package.json#devDependencies.jsdom',
      'package.json#jest',
      '**/jest.config.*',
      '**/vitest.config.*',
      '**/__snapshots__/**',
    ],
  },
  packages: {
    add: {},
    addDev: { vitest: '^4.0.0' },
    remove: REMOVE,
    upgrade: {},
  },
  // The Vitest major this repository's TypeScript, Node and @types/node support (toolchain.ts).
  packagesFor(repo) {
    const vitest = chooseVitest(readToolchain(repo.dir, repo.packageJson)).choice;
    return { add: {}, addDev: { vitest: vitest?.range ?? '^4.0.0' }, remove: REMOVE, upgrade: {} };
  },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  // The gate runs Vitest (found after the change) instead of the base commit's Jest, and requires
  // Vitest's report to show every test that passed under Jest passing, by file and full name.
  changesToolchain: ['test'],
  pr: {
    title: 'Move tests from Jest to Vitest',
    body: 'This PR moves the test suite of {{repo}} from Jest to Vitest ({{migration}}): explicit `vitest` imports, `vi.*` instead of `jest.*`, a `vitest.config.ts`, and updated scripts and devDependencies.',
    labels: ['godwit', 'tests'],
    draft: 'never',
  },
});

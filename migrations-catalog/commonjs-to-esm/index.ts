import { defineMigration } from '../../src/catalog/define.js';
import codemod, { hasCommonJs } from './codemod.js';
import { locateCommonJs } from './locate.js';

export default defineMigration({
  id: 'commonjs-to-esm',
  title: 'Convert CommonJS to ES modules (TypeScript sources)',
  description:
    'Rewrites require()/import = require() into import declarations and module.exports/exports.x into export statements in TypeScript sources, honouring esModuleInterop.',
  appliesTo: {
    files: ['**/*.{ts,tsx,mts}'],
    async check(repo) {
      // (picomatch ORs a list of globs, so a negated glob would match everything else)
      const files = (await repo.listFiles('**/*.{ts,tsx,mts}')).filter((f) => !f.endsWith('.d.ts'));
      for (const file of files) {
        if (hasCommonJs(await repo.readFile(file))) return { applies: true, reason: `${file} uses CommonJS` };
      }
      return { applies: false, reason: 'no TypeScript source uses require(), module.exports or exports.x' };
    },
  },
  target: { modules: [], names: [], locate: locateCommonJs },
  codemod,
  prompt: 'prompt.md',
  scope: {
    include: ['**/*.{ts,tsx,mts}'],
    exclude: ['**/*.d.ts', '**/node_modules/**'],
    maxChangedFiles: 200,
    maxChangedLines: 5000,
  },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  pr: {
    title: 'Convert CommonJS to ES modules',
    body: 'This PR replaces `require()` and `module.exports` with `import`/`export` in the TypeScript sources of {{repo}} ({{migration}}).',
    labels: ['godwit', 'esm'],
    draft: 'never',
  },
});

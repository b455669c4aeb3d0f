import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineMigration } from '../../src/catalog/define.js';
import codemod, { hasCommonJs } from './codemod.js';
import { fileKind, isSource, SOURCE_GLOB } from './file-kinds.js';
import { locateCommonJs } from './locate.js';

export default defineMigration({
  id: 'commonjs-to-esm',
  title: 'Convert CommonJS to ES modules',
  description:
    'Rewrites require()/import = require() into import declarations and module.exports/exports.x into export statements in TypeScript sources, .mjs files and the .js files of "type": "module" packages, honouring esModuleInterop; .cjs/.cts files and .js files of CommonJS packages are CommonJS by choice and stay as they are.',
  appliesTo: {
    files: [SOURCE_GLOB],
    async check(repo) {
      // Applies when a file it converts (file-kinds.ts) uses CommonJS. .cjs/.cts files and .js
      // files of CommonJS packages alone are CommonJS by choice: left as they are, never a reason to run.
      const disk = { exists: (f: string) => existsSync(f), read: (f: string) => readFileSync(f, 'utf8') };
      let kept: string | undefined;
      for (const file of (await repo.listFiles(SOURCE_GLOB)).filter((f) => isSource(f))) {
        if (!hasCommonJs(await repo.readFile(file))) continue;
        if (fileKind(disk, path.join(repo.dir, file)).convert) return { applies: true, reason: `${file} uses CommonJS` };
        kept ??= file;
      }
      return {
        applies: false,
        reason: kept
          ? `only files that are CommonJS by choice use it (${kept}: a .cjs/.cts file, or a .js file of a package without "type": "module")`
          : 'no source file uses require(), module.exports or exports.x',
      };
    },
  },
  target: { modules: [], names: [], locate: locateCommonJs },
  codemod,
  prompt: 'prompt.md',
  scope: {
    include: [SOURCE_GLOB],
    exclude: ['**/*.d.{ts,mts,cts}', '**/node_modules/**'],
    maxChangedFiles: 200,
    maxChangedLines: 5000,
  },
  verify: { typecheck: true, lint: true, test: true, requireGreenBaseline: true },
  pr: {
    title: 'Convert CommonJS to ES modules',
    body: 'This PR replaces `require()` and `module.exports` with `import`/`export` in the sources of {{repo}} ({{migration}}).',
    labels: ['godwit', 'esm'],
    draft: 'never',
  },
});

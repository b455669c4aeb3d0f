/**
 * commonjs-to-esm decides per file kind (file-kinds.ts), and the locator and the codemod agree:
 * every site the locator finds is in a file the codemod converts; `.cjs`/`.cts` files and a
 * `.js` file of a CommonJS package (jest.config.js) are CommonJS by choice, `.d.ts` and
 * node_modules are never sites: all stay as they are; a `.js` file of a nested
 * `"type": "module"` package is converted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { createWorkspaceProject } from '../../src/context/index.js';
import { runCodemod } from '../../src/pipeline/run-codemod.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', version: '1.0.0' }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'es2022', esModuleInterop: true } }),
  'src/index.ts': "const chalk = require('chalk');\n\nexport const warn = (m: string): string => chalk.yellow(m);\n",
  'src/types.d.ts': "declare const x: typeof require;\nexport = x;\n",
  'jest.config.js': "module.exports = { testEnvironment: 'node' };\n",
  'tools/build.cjs': "const fs = require('fs');\n\nfs.rmSync('dist', { recursive: true, force: true });\n",
  'src/legacy.cts': "import path = require('path');\n\nexport const here = path.resolve('.');\n",
  'web/package.json': JSON.stringify({ name: 'web', type: 'module' }),
  'web/main.js': "const { join } = require('path');\n\nexport const at = join(__dirname, 'x');\n",
  'node_modules/dep/index.js': "module.exports = require('./lib');\n",
};

function repo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-cjs-kinds-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('commonjs-to-esm file kinds', () => {
  it('converts .ts and the .js of a "type": "module" package; .cjs, .cts and a CommonJS package\'s .js stay as they are and are no sites', async () => {
    const dir = repo();
    const migration = await getMigration('commonjs-to-esm');
    const project = createWorkspaceProject(dir, { addSources: true });
    const outcome = await runCodemod({ dir, migration, project, log: () => {} });

    const at = (s: { file: string; line: number }): string => `${s.file}:${s.line}`;
    expect(outcome.found.map(at).sort()).toEqual(['src/index.ts:1', 'web/main.js:1', 'web/main.js:3']);
    expect(outcome.handledByCodemod).toBe(3);
    expect(outcome.dropped).toEqual([]);
    expect(outcome.changedFiles.sort()).toEqual(['src/index.ts', 'web/main.js']);
    expect(outcome.left).toEqual([]);

    for (const kept of ['jest.config.js', 'tools/build.cjs', 'src/legacy.cts', 'src/types.d.ts', 'node_modules/dep/index.js']) {
      expect(readFileSync(path.join(dir, kept), 'utf8'), kept).toBe(FILES[kept]);
    }
    expect(readFileSync(path.join(dir, 'src/index.ts'), 'utf8')).toBe("import chalk from 'chalk';\n\nexport const warn = (m: string): string => chalk.yellow(m);\n");
    expect(readFileSync(path.join(dir, 'web/main.js'), 'utf8')).toBe(
      [
        "import { join } from 'path';",
        "import { fileURLToPath } from 'node:url';",
        "import { dirname } from 'node:path';",
        '',
        'const __dirname = dirname(fileURLToPath(import.meta.url));',
        '',
        "export const at = join(__dirname, 'x');",
        '',
      ].join('\n'),
    );
  });
});

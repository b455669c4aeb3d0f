import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { checkNodeEngines } from '../../migrations-catalog/node-protocol-imports/index.js';
import { isBuiltinSpecifier, migrateSourceFile, nodeProtocolCodemod } from '../../migrations-catalog/node-protocol-imports/codemod.js';
import type { RepoSnapshot } from '../../src/catalog/definition.js';

function migrate(code: string, fileName = 'src/a.ts'): string {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const file = project.createSourceFile(fileName, code);
  migrateSourceFile(file);
  return file.getFullText();
}

function snapshot(packageJson: Record<string, unknown> | undefined): RepoSnapshot {
  return { dir: '/repo', packageJson, listFiles: async () => [], readFile: async () => '' };
}

describe('node-protocol-imports codemod', () => {
  it('rewrites every import form of built-ins, keeping quotes', () => {
    const before = [
      "import fs from 'fs';",
      'import { readFile } from "fs/promises";',
      "import * as cp from 'child_process';",
      "import type { Stats } from 'fs';",
      "import 'process';",
      "export { join } from 'path';",
      "export * from 'util';",
      "import os = require('os');",
      "const url = require('url');",
      "const http = await import('http');",
      'const t = await import(`timers/promises`);',
      "type Fs = typeof import('fs');",
      "vi.mock('fs');",
      "jest.mock('path', () => ({}));",
      "const real = jest.requireActual('os');",
      "const actual = await vi.importActual('crypto');",
    ].join('\n');
    expect(migrate(before)).toBe(
      [
        "import fs from 'node:fs';",
        'import { readFile } from "node:fs/promises";',
        "import * as cp from 'node:child_process';",
        "import type { Stats } from 'node:fs';",
        "import 'node:process';",
        "export { join } from 'node:path';",
        "export * from 'node:util';",
        "import os = require('node:os');",
        "const url = require('node:url');",
        "const http = await import('node:http');",
        'const t = await import(`node:timers/promises`);',
        "type Fs = typeof import('node:fs');",
        "vi.mock('node:fs');",
        "jest.mock('node:path', () => ({}));",
        "const real = jest.requireActual('node:os');",
        "const actual = await vi.importActual('node:crypto');",
      ].join('\n'),
    );
  });

  it('leaves declare module, node: specifiers, non-built-ins, relative paths and other calls alone', () => {
    const code = [
      "declare module 'fs' {",
      '  export const x: number;',
      '}',
      "import a from 'node:fs';",
      "import b from 'fs-extra';",
      "import c from './fs';",
      "import d from 'lodash/fp';",
      "import e from 'test';",
      "const f = require(name);",
      "other.mock('fs');",
      "const g = 'fs';",
      "myRequire('fs');",
    ].join('\n');
    expect(migrate(code)).toBe(code);
  });

  it('handles plain JavaScript files and is idempotent', () => {
    const once = migrate("const fs = require('fs');\nmodule.exports = { p: require('path').sep };\n", 'lib/x.js');
    expect(once).toBe("const fs = require('node:fs');\nmodule.exports = { p: require('node:path').sep };\n");
    expect(migrate(once, 'lib/x.js')).toBe(once);
  });

  it('knows the built-ins from node:module (internal _ modules excluded)', () => {
    expect(isBuiltinSpecifier('fs/promises')).toBe(true);
    expect(isBuiltinSpecifier('worker_threads')).toBe(true);
    expect(isBuiltinSpecifier('_http_agent')).toBe(false);
    expect(isBuiltinSpecifier('node:fs')).toBe(false);
    expect(isBuiltinSpecifier('lodash')).toBe(false);
  });

  it('the codemod logs what it did', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    project.createSourceFile('a.ts', "import fs from 'fs';\nimport p from 'path';\n");
    project.createSourceFile('b.ts', "import x from './a';\n");
    const logs: string[] = [];
    nodeProtocolCodemod(project, { dir: '/', options: {}, log: (m) => logs.push(m), leave: () => {} });
    expect(logs).toEqual(['node-protocol-imports: rewrote 2 specifier(s) in 1 file(s)']);
  });
});

describe('node-protocol-imports preconditions', () => {
  it.each([
    [{ engines: { node: '>=12' } }, false, /allows Node 12\.0\.0.*require\(\) \(needs >=16\.0\)/],
    [{ engines: { node: '>=14.18' }, type: 'module' }, true, /only allows/],
    [{ engines: { node: '>=14.18' } }, false, /needs >=16\.0/],
    [{ engines: { node: '^14.0.0 || >=16' }, type: 'module' }, false, /ESM imports \(needs >=14\.18\)/],
    [{ engines: { node: '>=16' } }, true, /only allows/],
    [{ engines: { node: '>=20' } }, true, /only allows/],
    [{ engines: { node: 'banana' } }, false, /not a valid semver range/],
    [{ name: 'x' }, true, /no engines\.node/],
    [undefined, true, /no engines\.node/],
  ])('%j → applies %s', (pkg, applies, reason) => {
    const result = checkNodeEngines(snapshot(pkg as Record<string, unknown> | undefined));
    expect(result.applies).toBe(applies);
    expect(result.reason).toMatch(reason);
  });
});

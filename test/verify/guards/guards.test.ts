import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInput } from '../../../src/catalog/definition.js';
import type { VerifierResult } from '../../../src/report/run-report.js';
import { GUARDS, workingTreeDiff } from '../../../src/verify/guards/index.js';
import { template, writeFiles } from '../../agent/fixtures.js';
import { guardsAfter as guardsAfterIn } from './helpers.js';

const REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'x', dependencies: { lodash: '^4.17.21', zod: '^3.22.0' }, devDependencies: { vitest: '^1.6.0' } }, null, 2),
  'tsconfig.json': '{\n  // comments are allowed\n  "compilerOptions": { "strict": true, "noUncheckedIndexedAccess": true }\n}\n',
  'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n',
  'src/math.test.ts': "import { it, expect } from 'vitest';\nimport { add } from './math';\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n",
  'test/other.spec.ts': "it.skip('old', () => {});\nit('works', () => {});\n",
  'docs/notes.md': '# notes\n',
};

let tpl: ReturnType<typeof template>;
afterAll(() => tpl.cleanup());
beforeAll(() => {
  tpl = template(REPO);
});

const testResult = (total: number, skipped: number): VerifierResult => ({
  kind: 'test',
  command: 'vitest run',
  status: 'pass',
  exitCode: 0,
  durationMs: 1,
  diagnostics: [],
  diagnosticsTotal: 0,
  outputTail: '',
  tests: { passed: total - skipped, failed: 0, skipped, total },
});

function guardsAfter(change: (dir: string) => void, overrides: Partial<MigrationInput> = {}, results?: { baseline: VerifierResult[]; final: VerifierResult[] }) {
  return guardsAfterIn(() => tpl.copy(), change, overrides, results);
}

describe('guard registry', () => {
  it('lists exactly the guards in src/verify/guards/checks, named like their files', () => {
    const dir = path.resolve(import.meta.dirname, '../../../src/verify/guards/checks');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(GUARDS.map((g) => g.name).sort()).toEqual(files);
    expect(new Set(GUARDS.map((g) => g.name)).size).toBe(GUARDS.length);
  });

  it('docs/guards.md lists every guard (and the gate’s own findings) with what it blocks, why, the declaration and an example finding', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const docs = readFileSync(path.join(root, 'docs/guards.md'), 'utf8');
    // The gate's findings that are not guards of the registry: the agent round writes them.
    const gate = ['judge-veto', 'agent-incomplete'];
    const agentRound = readFileSync(path.join(root, 'src/pipeline/agent-round.ts'), 'utf8');
    for (const name of gate) expect(agentRound).toContain(`'${name}'`);
    const rows = [...docs.matchAll(/^\| `([a-z-]+)` \|(.*)\|$/gm)].map((m) => ({ name: m[1]!, cells: m[2]!.split(' | ').map((c) => c.trim()) }));
    expect(rows.map((r) => r.name).sort()).toEqual([...GUARDS.map((g) => g.name), ...gate].sort());
    for (const row of rows) {
      // blocks | why | a migration allows it by ("—" when nothing can)
      expect(row.cells, row.name).toHaveLength(3);
      expect(row.cells.every((c) => c.length > 0), row.name).toBe(true);
      expect(docs, `an example finding of ${row.name}`).toMatch(new RegExp(`^${row.name}: \\S`, 'm'));
    }
  });
});

describe('guards', () => {
  it('finds nothing for an honest change', async () => {
    const findings = await guardsAfter((dir) => writeFiles(dir, { 'src/math.ts': 'export const add = (a: number, b: number): number => a + b;\n' }));
    expect(findings).toEqual([]);
  });

  it('deleted-tests: a deleted test file blocks', async () => {
    const findings = await guardsAfter((dir) => rmSync(path.join(dir, 'src/math.test.ts')));
    expect(findings).toEqual([expect.objectContaining({ guard: 'deleted-tests', severity: 'block', file: 'src/math.test.ts' })]);
  });

  it('skipped-tests: new .skip / .only / xit / xdescribe, but not a moved one', async () => {
    const findings = await guardsAfter((dir) =>
      writeFiles(dir, {
        'src/math.test.ts': "import { it, expect } from 'vitest';\nimport { add } from './math';\n\nit.skip('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nxit('x', () => {});\nxdescribe('y', () => {});\ndescribe.only('z', () => {});\n",
      }),
    );
    expect(findings.map((f) => f.guard)).toEqual(['skipped-tests', 'skipped-tests', 'skipped-tests', 'skipped-tests']);
    expect(findings[0]).toMatchObject({ file: 'src/math.test.ts', line: 4, message: expect.stringContaining('it.skip') });
    const moved = await guardsAfter(
      (dir) => writeFiles(dir, { 'test/other.spec.ts': "it('works', () => {});\nit.skip('old', () => {});\n" }),
      {},
    );
    expect(moved).toEqual([]);
  });

  it('suppressions: new @ts-ignore, @ts-expect-error, @ts-nocheck, eslint-disable', async () => {
    const findings = await guardsAfter((dir) =>
      writeFiles(dir, {
        'src/math.ts': '// @ts-nocheck\n/* eslint-disable */\n// @ts-ignore\n// @ts-expect-error\n// eslint-disable-next-line no-console\nexport const add = (a: number, b: number) => a + b;\n',
      }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'new `@ts-nocheck` in src/math.ts:1',
      'new `eslint-disable` in src/math.ts:2',
      'new `@ts-ignore` in src/math.ts:3',
      'new `@ts-expect-error` in src/math.ts:4',
      'new `eslint-disable-next-line` in src/math.ts:5',
    ]);
  });

  it('tsconfig-loosened: strict off (implying noImplicitAny …) and a loosening option; skipLibCheck is fine', async () => {
    const findings = await guardsAfter((dir) =>
      writeFiles(dir, { 'tsconfig.json': '{ "compilerOptions": { "strict": false, "noUncheckedIndexedAccess": true, "skipLibCheck": true, "allowUnreachableCode": true } }\n' }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ guard: 'tsconfig-loosened', file: 'tsconfig.json' });
    expect(findings[0]!.message).toMatch(/strict, noImplicitAny, strictNullChecks/);
    expect(findings[0]!.message).toMatch(/allowUnreachableCode: true/);
    const fine = await guardsAfter((dir) =>
      writeFiles(dir, { 'tsconfig.json': '{ "compilerOptions": { "strict": true, "noUncheckedIndexedAccess": true, "skipLibCheck": true } }\n' }),
    );
    expect(fine).toEqual([]);
  });

  it('dependencies: removal and downgrade outside the declared packages block; declared ones do not', async () => {
    const pkg = { name: 'x', dependencies: { zod: '^3.0.0' }, devDependencies: { vitest: '^1.6.0' } };
    const findings = await guardsAfter((dir) => writeFiles(dir, { 'package.json': JSON.stringify(pkg) }));
    expect(findings.map((f) => f.message)).toEqual([
      'lodash was removed from package.json but the migration does not declare removing it',
      'zod was downgraded in package.json (^3.22.0 → ^3.0.0)',
    ]);
    const declared = await guardsAfter((dir) => writeFiles(dir, { 'package.json': JSON.stringify(pkg) }), {
      packages: { remove: ['lodash'], upgrade: { zod: '^3.0.0' } },
    });
    expect(declared).toEqual([]);
  });

  it('outside-scope and diff-size', async () => {
    const findings = await guardsAfter(
      (dir) => {
        writeFileSync(path.join(dir, 'docs/notes.md'), '# notes\nmore\n');
        writeFiles(dir, { 'src/math.ts': 'export const add = (a: number, b: number) => a + b;\nexport const one = 1;\nexport const two = 2;\n' });
      },
      { scope: { include: ['src/**'], maxChangedFiles: 1, maxChangedLines: 2 } },
    );
    expect(findings).toEqual([
      expect.objectContaining({ guard: 'outside-scope', file: 'docs/notes.md' }),
      expect.objectContaining({ guard: 'diff-size', message: '2 files changed; the migration allows 1' }),
      expect.objectContaining({ guard: 'diff-size', message: '3 lines changed; the migration allows 2' }),
    ]);
  });

  it('fewer-tests: fewer tests run than at baseline', async () => {
    const findings = await guardsAfter((dir) => writeFiles(dir, { 'src/math.ts': 'export const add = (a: number, b: number) => b + a;\n' }), {}, {
      baseline: [testResult(10, 0)],
      final: [testResult(10, 2)],
    });
    expect(findings).toEqual([expect.objectContaining({ guard: 'fewer-tests', message: expect.stringContaining('8 test(s) ran after the change, 10 at baseline') })]);
  });

  it('workingTreeDiff includes untracked files without touching the index', async () => {
    const dir = tpl.copy();
    writeFiles(dir, { 'src/new.ts': 'export const x = 1;\n', 'src/math.ts': 'export const add = 1;\n' });
    const diff = await workingTreeDiff(dir);
    expect(diff).toContain('+++ b/src/new.ts\n@@ -0,0 +1,1 @@\n+export const x = 1;');
    expect(diff).toContain('-export const add = (a: number, b: number) => a + b;');
    expect(execaSync('git', ['diff', '--cached', '--name-only'], { cwd: dir }).stdout).toBe('');
  });
});

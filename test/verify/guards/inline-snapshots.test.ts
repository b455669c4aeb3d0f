/**
 * inline-snapshots: the expected output stored in the test file itself
 * (`toMatchInlineSnapshot`, `toThrowErrorMatchingInlineSnapshot`) is frozen like a `.snap` file:
 * a changed, new or emptied stored value blocks unless the migration lists the test file, and a
 * test toolchain move may re-indent but never change a value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInput } from '../../../src/catalog/definition.js';
import { inlineSnapshots, normalizeInline } from '../../../src/verify/guards/checks/inline-snapshots.js';
import { template, writeFiles } from '../../agent/fixtures.js';
import { guardsAfter as guardsAfterIn } from './helpers.js';

const SPEC = [
  "import { describe, expect, it } from 'vitest';",
  "import { add, parse } from '../src/math';",
  '',
  "describe('math', () => {",
  "  it('renders', () => {",
  '    expect({ sum: add(1, 2) }).toMatchInlineSnapshot(`',
  '      {',
  '        "sum": 3,',
  '      }',
  '    `);',
  '  });',
  "  it('throws', () => {",
  "    expect(() => parse('x')).toThrowErrorMatchingInlineSnapshot(`\"not a number: x\"`);",
  '  });',
  '});',
  '',
].join('\n');
const SRC = "export const add = (a: number, b: number) => a + b;\nexport const parse = (s: string) => { throw new Error(`not a number: ${s}`); };\n";

let tpl: ReturnType<typeof template>;
beforeAll(() => {
  tpl = template({ 'package.json': '{"name":"x"}\n', 'src/math.ts': SRC, 'test/math.test.ts': SPEC });
});
afterAll(() => tpl.cleanup());

const guardsAfter = (files: Record<string, string>, overrides: Partial<MigrationInput> = {}) =>
  guardsAfterIn(() => tpl.copy(), (dir) => writeFiles(dir, files), { ...overrides, scope: { include: ['**/*'], ...overrides.scope } }).then((fs) =>
    fs.filter((f) => f.guard === 'inline-snapshots'),
  );

describe('inline-snapshots', () => {
  it('reads stored values the way runners compare them (indentation removed), and calls that store none', () => {
    const snaps = inlineSnapshots('test/math.test.ts', `${SPEC}it('new', () => { expect(1).toMatchInlineSnapshot(); });\n`);
    expect(snaps).toEqual([
      { line: 6, matcher: 'toMatchInlineSnapshot', value: '{\n  "sum": 3,\n}' },
      { line: 13, matcher: 'toThrowErrorMatchingInlineSnapshot', value: '"not a number: x"' },
      { line: 16, matcher: 'toMatchInlineSnapshot', value: undefined },
    ]);
    expect(normalizeInline('\n        {\n          "a": 1,\n        }\n      ')).toBe(normalizeInline('\n  {\n    "a": 1,\n  }\n'));
  });

  it('a stored value rewritten to match broken output blocks, at its line', async () => {
    const findings = await guardsAfter({ 'test/math.test.ts': SPEC.replace('"sum": 3', '"sum": -1'), 'src/math.ts': SRC.replace('a + b', 'a - b') });
    expect(findings).toEqual([
      expect.objectContaining({
        guard: 'inline-snapshots',
        severity: 'block',
        file: 'test/math.test.ts',
        line: 6,
        message: "test/math.test.ts: inline snapshots (the expected output tests compare against) changed: 1 stored value(s) new, 1 base value(s) gone; list the test file in the migration's scope.allowProtected if the change is intended",
      }),
    ]);
  });

  it('an emptied call (the runner would write the value fresh) and a removed assertion block', async () => {
    const emptied = await guardsAfter({ 'test/math.test.ts': SPEC.replace('toThrowErrorMatchingInlineSnapshot(`"not a number: x"`)', 'toThrowErrorMatchingInlineSnapshot()') });
    expect(emptied.map((f) => [f.severity, f.message])).toEqual([['block', expect.stringContaining('1 base value(s) gone, 1 call(s) with no stored value')]]);
    const removed = await guardsAfter({ 'test/math.test.ts': SPEC.replace('toThrowErrorMatchingInlineSnapshot(`"not a number: x"`)', 'toThrow()') });
    expect(removed.map((f) => f.severity)).toEqual(['block']);
  });

  it('re-indenting, reformatting the call or moving a test to another file is no change', async () => {
    const reindented = SPEC.replace('    expect({ sum: add(1, 2) }).toMatchInlineSnapshot(`\n      {\n        "sum": 3,\n      }\n    `);', '    expect({ sum: add(1, 2) }).toMatchInlineSnapshot(\n      `\n  {\n    "sum": 3,\n  }\n`,\n    );');
    expect(reindented).not.toBe(SPEC);
    expect(await guardsAfter({ 'test/math.test.ts': reindented })).toEqual([]);
    const [head, tail] = SPEC.split("  it('throws'");
    const moved = {
      'test/math.test.ts': `${head}});\n`,
      'test/parse.test.ts': `import { describe, expect, it } from 'vitest';\nimport { parse } from '../src/math';\n\ndescribe('math', () => {\n  it('throws'${tail}`,
    };
    expect(await guardsAfter(moved)).toEqual([]);
  });

  it('a test toolchain move may not change a stored value even where allowed; another declared migration gets a warning', async () => {
    const broken = { 'test/math.test.ts': SPEC.replace('not a number: x', 'oops') };
    const toolchain = await guardsAfter(broken, { changesToolchain: ['test'], scope: { allowProtected: ['**/*.test.ts'] } });
    expect(toolchain.map((f) => [f.severity, f.message])).toEqual([['block', expect.stringContaining('a test toolchain change may not change what is stored')]]);
    const declared = await guardsAfter(broken, { scope: { allowProtected: ['test/**'] } });
    expect(declared.map((f) => f.severity)).toEqual(['warn']);
    // A toolchain move that keeps the values (Jest → Vitest imports) is not a finding at all.
    expect(await guardsAfter({ 'test/math.test.ts': SPEC.replace("from 'vitest'", "from '@jest/globals'") }, { changesToolchain: ['test'] })).toEqual([]);
  });
});

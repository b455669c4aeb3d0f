import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { leftoversAfterEdits, lineColumnAt, mapOffset } from '../../src/catalog/leftovers.js';
import { rewriteTestFile } from '../../migrations-catalog/jest-to-vitest/rewrite-test-file.js';
import { rewriteMomentFile } from '../../migrations-catalog/moment-to-dayjs/rewrite-file.js';
import { rewriteEnzymeFile } from '../../migrations-catalog/enzyme-to-rtl/codemod.js';

/** The text at a leftover's line/column in `text`. */
function at(text: string, line: number, column: number, length: number): string {
  return text.split('\n')[line - 1]!.slice(column - 1, column - 1 + length);
}

describe('leftover positions', () => {
  it('lineColumnAt is 1-based', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('mapOffset moves offsets through insertions, replacements and deletions', () => {
    const edits = [
      { start: 0, end: 0, text: 'X\n' }, // insertion at 0: what was at 0 moves after it
      { start: 5, end: 8, text: 'y' }, // replacement
      { start: 10, end: 12, text: '' }, // deletion
    ];
    expect(mapOffset(0, edits)).toBe(2);
    expect(mapOffset(5, edits)).toBe(7);
    expect(mapOffset(6, edits)).toBe(7); // inside a replaced range: its replacement's start
    expect(mapOffset(9, edits)).toBe(2 + 9 - 2);
    expect(mapOffset(12, edits)).toBe(12 + 2 - 2 - 2);
    expect(leftoversAfterEdits([{ pos: 0, reason: 'r' }], edits, 'X\nabc')).toEqual([{ line: 2, column: 1, reason: 'r' }]);
  });

  const project = new Project({ useInMemoryFileSystem: true });

  it('jest-to-vitest leaves jest.isolateModules unchanged and reports where it is in the rewritten file', () => {
    const sf = project.createSourceFile(
      '/a.test.ts',
      "import { sum } from './sum';\n\ndescribe('s', () => {\n  it('x', () => {\n    jest.isolateModules(() => {});\n    expect(sum(1, 2)).toBe(3);\n  });\n});\n",
    );
    const { changed, leftovers } = rewriteTestFile(sf);
    expect(changed).toBe(true);
    const out = sf.getFullText();
    expect(leftovers).toHaveLength(1);
    const [l] = leftovers;
    expect(l!.reason).toContain('isolateModules');
    expect(at(out, l!.line, l!.column, 'jest.isolateModules'.length)).toBe('jest.isolateModules');
    expect(out).toContain("import { describe, expect, it } from 'vitest';");
  });

  it('moment-to-dayjs reports an unsupported call where it is in the rewritten file', () => {
    const sf = project.createSourceFile('/d.ts', "import moment from 'moment';\n\nexport const x = moment().creationData();\n");
    const { leftovers } = rewriteMomentFile(sf);
    const out = sf.getFullText();
    expect(leftovers.map((l) => l.reason)).toEqual([expect.stringContaining('creationData')]);
    expect(at(out, leftovers[0]!.line, leftovers[0]!.column, 'dayjs()'.length)).toBe('dayjs()');
  });

  it('enzyme-to-rtl reports a wrapper use it cannot translate where it is in the rewritten file', () => {
    const sf = project.createSourceFile(
      '/c.test.tsx',
      "import { mount } from 'enzyme';\nimport { C } from './c';\n\nit('c', () => {\n  const w = mount(<C />);\n  expect(w.state('open')).toBe(true);\n});\n",
    );
    const { leftovers } = rewriteEnzymeFile(sf);
    const out = sf.getFullText();
    expect(leftovers).toHaveLength(1);
    expect(at(out, leftovers[0]!.line, leftovers[0]!.column, 'w.state'.length)).toBe('w.state');
  });
});

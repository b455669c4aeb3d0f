import { describe, expect, it } from 'vitest';
import { diffLines, fileDiffs, newFilePatch } from '../../src/diff/index.js';

const DIFF = [
  'diff --git a/src/a.ts b/src/a.ts',
  'index 1111111..2222222 100644',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -10,3 +10,3 @@ export function f() {',
  ' const keep = 1;',
  '-const x = 1;',
  '+const x = 2; // eslint-disable-line',
  ' const end = 3;',
  'diff --git a/old.ts b/new.ts',
  'similarity index 100%',
  'rename from old.ts',
  'rename to new.ts',
  'diff --git a/gone.ts b/gone.ts',
  'deleted file mode 100644',
  '--- a/gone.ts',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-a',
  '-b',
].join('\n');

describe('fileDiffs', () => {
  it('groups added and removed lines per file with their line numbers', () => {
    expect(fileDiffs(DIFF)).toEqual([
      { path: 'src/a.ts', added: [{ line: 11, text: 'const x = 2; // eslint-disable-line' }], removed: [{ line: 11, text: 'const x = 1;' }] },
      // a rename without a hunk changes no line; a deleted file keeps its old path
      { path: 'gone.ts', added: [], removed: [{ line: 1, text: 'a' }, { line: 2, text: 'b' }] },
    ]);
  });

  it('reads back the patch it makes for a new file, with and without a final newline', () => {
    for (const text of ['one\ntwo\n', 'one\ntwo']) {
      const patch = newFilePatch('dir/new file.ts', text);
      expect(patch.startsWith('diff --git a/dir/new file.ts b/dir/new file.ts\nnew file mode 100644\n--- /dev/null\n+++ b/dir/new file.ts\n@@ -0,0 +1,2 @@\n')).toBe(true);
      expect(fileDiffs(patch)).toEqual([{ path: 'dir/new file.ts', added: [{ line: 1, text: 'one' }, { line: 2, text: 'two' }], removed: [] }]);
    }
    expect(diffLines(newFilePatch('x', 'a')).at(-1)).toMatchObject({ kind: 'meta', text: '\\ No newline at end of file' });
  });

  it('keeps every line verbatim and still reads a cut diff', () => {
    const cut = DIFF.split('\n').slice(0, 7).join('\n');
    expect(diffLines(cut).map((l) => l.text)).toEqual(cut.split('\n'));
    expect(fileDiffs(cut)[0]?.removed).toEqual([{ line: 11, text: 'const x = 1;' }]);
  });
});

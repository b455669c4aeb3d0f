import { describe, expect, it } from 'vitest';
import { diffLines, fileDiffs, newFilePatch } from '../../src/diff/index.js';
import { SAMPLE_DIFF } from '../support/sample-diff.js';

const DIFF = SAMPLE_DIFF;

describe('fileDiffs', () => {
  it('groups added and removed lines per file with their line numbers', () => {
    expect(fileDiffs(DIFF)).toEqual([
      {
        path: 'src/a.ts',
        added: [{ line: 11, text: "import x from '<script>alert(1)</script>'; // eslint-disable-line" }],
        // inside a hunk, a line starting with "---" is a removed line, not a file header
        removed: [
          { line: 11, text: "const x = require('<script>alert(1)</script>');" },
          { line: 12, text: '-- not a header inside a hunk' },
        ],
      },
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
    expect(fileDiffs(cut)[0]?.removed).toEqual([{ line: 11, text: "const x = require('<script>alert(1)</script>');" }]);
  });
});

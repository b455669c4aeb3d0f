/**
 * One `git diff` for the tests of what reads diffs (src/diff) and what shows them (the
 * dashboard's highlighter): a hunk whose lines hold markup and a line that looks like a file
 * header, a missing final newline, a rename without a hunk and a deleted file.
 */
export const SAMPLE_DIFF = [
  'diff --git a/src/a.ts b/src/a.ts',
  'index 1111111..2222222 100644',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -10,4 +10,3 @@ export function f() {',
  ' const keep = 1;',
  "-const x = require('<script>alert(1)</script>');",
  "+import x from '<script>alert(1)</script>'; // eslint-disable-line",
  '--- not a header inside a hunk',
  ' const end = 3;',
  '\\ No newline at end of file',
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

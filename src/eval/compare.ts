/**
 * Compares a case's expected files with the workspace after the run. Both sides are formatted
 * with Prettier first, so whitespace and quote style don't count but code does.
 */
import { createTwoFilesPatch } from 'diff';
import * as prettier from 'prettier';

/** Formats with the parser Prettier infers from the file name; other files are compared trimmed. */
export async function normalize(file: string, text: string): Promise<string> {
  const info = await prettier.getFileInfo(file);
  if (!info.inferredParser) return `${text.replace(/\r\n/g, '\n').trimEnd()}\n`;
  try {
    return await prettier.format(text, { filepath: file, parser: info.inferredParser });
  } catch {
    // Unparseable output still compares, as text: the diff then shows what is wrong.
    return `${text.replace(/\r\n/g, '\n').trimEnd()}\n`;
  }
}

export interface FileMismatch {
  file: string;
  diff: string;
}

/**
 * `expected`/`actual` map repository-relative paths to contents; a path missing on one side
 * is compared against the empty file (so unexpected and missing files show up in the diff).
 */
export async function compareFiles(
  expected: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, string>,
): Promise<FileMismatch[]> {
  const files = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  const mismatches: FileMismatch[] = [];
  for (const file of files) {
    const want = expected.get(file);
    const got = actual.get(file);
    const a = want === undefined ? '' : await normalize(file, want);
    const b = got === undefined ? '' : await normalize(file, got);
    if (a === b && (want === undefined) === (got === undefined)) continue;
    const from = want === undefined ? '/dev/null' : `expected/${file}`;
    const to = got === undefined ? '/dev/null' : `actual/${file}`;
    mismatches.push({ file, diff: createTwoFilesPatch(from, to, a, b, '', '', { context: 3 }) });
  }
  return mismatches;
}

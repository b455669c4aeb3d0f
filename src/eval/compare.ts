/**
 * Compares a case's expected files with the workspace after the run. Both sides are formatted
 * with Prettier first, so whitespace and quote style don't count but code does. Texts equal
 * as they are (line endings and trailing blank lines aside) need no formatting.
 */
import { createTwoFilesPatch } from 'diff';

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * package.json: dependency maps compare without their order (npm sorts them on the next install)
 * and an empty map equals a missing one.
 */
function canonicalPackageJson(text: string): string {
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    for (const field of DEP_FIELDS) {
      const deps = pkg[field];
      if (!deps || typeof deps !== 'object') continue;
      const entries = Object.entries(deps).sort(([a], [b]) => a.localeCompare(b));
      if (entries.length === 0) delete pkg[field];
      else pkg[field] = Object.fromEntries(entries);
    }
    return JSON.stringify(pkg, null, 2);
  } catch {
    return text;
  }
}

/** Formats with the parser Prettier infers from the file name; other files are compared trimmed. */
export async function normalize(file: string, text: string): Promise<string> {
  if (file === 'package.json' || file.endsWith('/package.json')) text = canonicalPackageJson(text);
  // Prettier is loaded on the first text that differs (most cases match as they are).
  const prettier = await import('prettier');
  const info = await prettier.getFileInfo(file);
  if (!info.inferredParser) return `${text.replace(/\r\n/g, '\n').trimEnd()}\n`;
  try {
    return await prettier.format(text, { filepath: file, parser: info.inferredParser });
  } catch {
    // Unparseable output still compares, as text: the diff then shows what is wrong.
    return `${text.replace(/\r\n/g, '\n').trimEnd()}\n`;
  }
}

const plain = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();

/** The same text, line endings and trailing whitespace at the end aside. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && plain(a) === plain(b));
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
    if (sameText(want, got)) continue;
    const a = want === undefined ? '' : await normalize(file, want);
    const b = got === undefined ? '' : await normalize(file, got);
    if (a === b && (want === undefined) === (got === undefined)) continue;
    const from = want === undefined ? '/dev/null' : `expected/${file}`;
    const to = got === undefined ? '/dev/null' : `actual/${file}`;
    mismatches.push({ file, diff: createTwoFilesPatch(from, to, a, b, '', '', { context: 3 }) });
  }
  return mismatches;
}

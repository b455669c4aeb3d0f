/**
 * Files a tool configuration points to: Jest's `setupFiles`/`globalSetup`/`transform`/`preset`,
 * Vitest's `setupFiles`/`globalSetup`, an ESLint `extends` or import of a local file, a Mocha
 * `require` … They run as part of the verifier, so they are rules the change is judged by, like
 * the config itself. A string in the config counts when it names an existing file of the
 * repository (relative to the config; `<rootDir>` as Jest writes it) and either is written as a
 * relative path (`./x`, `../x`, `<rootDir>/x`, which may leave out the extension) or is the value
 * of a key that loads code (`setupFiles: ['test/setup.js']`, `require: test/setup.js`). Strings
 * under keys that only select files (`files`, `ignores`, `include`, `collectCoverageFrom` …) do
 * not count, nor do tsconfig files (tsconfig-loosened judges them), package.json files and tests.
 */
import path from 'node:path';

const STRING = /(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
/** Unquoted YAML scalars: `key: value` and `- value`. */
const YAML_SCALAR = /^(\s*(?:-\s+|[\w.-]+\s*:\s+))([^\s'"#\-[{][^#\n]*?)\s*$/gm;
const KEY = /(?:^|[{,\s])["']?([A-Za-z_$][\w$-]*)["']?\s*:/gm;
const EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.jsx', '.tsx', '.json'];
const NOT_A_PATH = /[*?{}()|^$\s\\]|^[a-z][\w+.-]*:/i;
const EXCLUDED = /(?:^|\/)(?:node_modules\/|package\.json$|[jt]sconfig[^/]*\.json$)|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/** Keys whose values are code the tool loads. */
const LOADS = new Set([
  'setupFiles',
  'setupFilesAfterEnv',
  'globalSetup',
  'globalTeardown',
  'testEnvironment',
  'environment',
  'preset',
  'transform',
  'resolver',
  'snapshotResolver',
  'snapshotSerializers',
  'testSequencer',
  'sequencer',
  'reporters',
  'moduleNameMapper',
  'require',
  'file',
  'extends',
  'plugins',
  'parser',
  'processor',
]);
/** Keys whose values select files rather than load them. */
const SELECTS = new Set(['files', 'ignores', 'ignorePatterns', 'include', 'exclude', 'collectCoverageFrom', 'coveragePathIgnorePatterns', 'testPathIgnorePatterns', 'modulePathIgnorePatterns', 'watchPathIgnorePatterns', 'testMatch', 'roots', 'spec', 'ignore']);

/** The key a value at `index` belongs to: the nearest `key:` before it. */
function keyBefore(text: string, index: number): string | undefined {
  let key: string | undefined;
  for (const m of text.slice(Math.max(0, index - 2000), index).matchAll(KEY)) key = m[1];
  return key;
}

/** Repository paths of the existing files `text` (the config at `configPath`) points to. */
export function configReferences(configPath: string, text: string, exists: (rel: string) => boolean): string[] {
  const values = [...text.matchAll(STRING)].map((m) => ({ raw: m[2]!, index: m.index }));
  if (/\.ya?ml$/.test(configPath) || /(?:^|\/)\.[\w-]+rc$/.test(configPath)) {
    values.push(...[...text.matchAll(YAML_SCALAR)].map((m) => ({ raw: m[2]!, index: m.index + m[1]!.length })));
  }
  const from = path.posix.dirname(configPath);
  const out = new Set<string>();
  for (const { raw, index } of values) {
    const s = raw.trim().replace(/^<rootDir>\/?/, './');
    if (!s || s.startsWith('/') || NOT_A_PATH.test(s)) continue;
    const key = keyBefore(text, index);
    const explicit = s.startsWith('./') || s.startsWith('../');
    if (key !== undefined && SELECTS.has(key)) continue;
    if (!explicit && (key === undefined || !LOADS.has(key))) continue;
    const rel = path.posix.normalize(path.posix.join(from, s));
    if (rel.startsWith('../') || rel === configPath) continue;
    const hit = [rel, ...(explicit ? EXTENSIONS.map((e) => rel + e) : [])].find((p) => exists(p));
    if (hit && !EXCLUDED.test(hit)) out.add(hit);
  }
  return [...out];
}

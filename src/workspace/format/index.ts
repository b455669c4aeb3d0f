/**
 * Formats exactly the files a change touched, in the repository's own style: with its own
 * Prettier (config file, `prettier` key or dependency; resolved from the clone's node_modules and
 * run as a sandboxed subprocess) when the original file was Prettier-clean, otherwise by keeping
 * the file's quote and semicolon habits on the added lines (keep-style.ts). Untouched lines are
 * never reformatted.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitIn, readBlobs, repositoryPath, runCommand } from '../../process/index.js';
import { keepStyle } from './keep-style.js';
import { PRETTIER_SCRIPT } from './prettier-script.js';

const FORMATTABLE = /\.(?:[cm]?[jt]sx?)$/;
const PRETTIER_CONFIGS = ['.prettierrc', '.prettierrc.json', '.prettierrc.yaml', '.prettierrc.yml', '.prettierrc.json5', '.prettierrc.js', '.prettierrc.cjs', '.prettierrc.mjs', '.prettierrc.toml', 'prettier.config.js', 'prettier.config.cjs', 'prettier.config.mjs'];

export interface FormatResult {
  /** `prettier 3.3.3`, `keep-style`, or undefined when nothing needed formatting. */
  formatter: string | undefined;
  /** Files whose text changed. */
  formatted: string[];
}

export interface FormatOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Base-commit texts of some of the files, already known to the caller: not read from git again. */
  originals?: ReadonlyMap<string, string>;
}

/** The repository uses Prettier: a config or a dependency, and it is installed in the clone. */
export function usesPrettier(dir: string): boolean {
  if (!existsSync(path.join(dir, 'node_modules', 'prettier', 'package.json'))) return false;
  if (PRETTIER_CONFIGS.some((f) => existsSync(path.join(dir, f)))) return true;
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    return pkg.prettier !== undefined || Boolean(pkg.devDependencies?.prettier ?? pkg.dependencies?.prettier);
  } catch {
    return false;
  }
}

async function original(dir: string, baseCommit: string, file: string): Promise<string | null> {
  try {
    return await gitIn(dir).raw(['show', `${baseCommit}:${file}`]);
  } catch {
    return null;
  }
}

interface PrettierOutput {
  error?: string;
  version?: string;
  results?: Array<{ file: string; status: 'formatted' | 'clean' | 'ignored' | 'original-not-clean' | 'error'; message?: string }>;
}

async function runPrettier(dir: string, items: Array<{ file: string; original: string | null }>, options: FormatOptions): Promise<PrettierOutput | undefined> {
  // Inside .git/: readable by the sandboxed command, never part of the change.
  const input = path.join(dir, '.git', 'godwit-format-input.json');
  writeFileSync(input, JSON.stringify(items));
  try {
    const run = await runCommand('node', ['-e', PRETTIER_SCRIPT, input], {
      cwd: dir,
      timeoutMs: options.timeoutMs,
      maxOutputBytes: 1024 * 1024,
      env: { PATH: repositoryPath(dir) },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const line = run.output.split('\n').reverse().find((l) => l.startsWith('{'));
    return line ? (JSON.parse(line) as PrettierOutput) : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(input, { force: true });
  }
}

export async function formatChangedFiles(dir: string, baseCommit: string, files: ReadonlyArray<string>, options: FormatOptions): Promise<FormatResult> {
  const candidates = files.filter((f) => FORMATTABLE.test(f) && existsSync(path.join(dir, f)));
  const result: FormatResult = { formatter: undefined, formatted: [] };
  if (!candidates.length) return result;
  // Every original the caller does not hold, in one git process (a file added by the change maps to null).
  const unknown = candidates.filter((f) => !options.originals?.has(f));
  const blobs = new Map<string, string | undefined>(options.originals);
  if (unknown.length) for (const [file, text] of await readBlobs(dir, baseCommit, unknown).catch(() => new Map<string, string | undefined>())) blobs.set(file, text);
  const items = await Promise.all(candidates.map(async (file) => ({ file, original: blobs.has(file) ? (blobs.get(file) ?? null) : await original(dir, baseCommit, file) })));
  let rest = items;
  if (usesPrettier(dir)) {
    const out = await runPrettier(dir, items, options);
    if (out?.results) {
      result.formatter = `prettier ${out.version ?? ''}`.trim();
      result.formatted.push(...out.results.filter((r) => r.status === 'formatted').map((r) => r.file));
      const handled = new Set(out.results.filter((r) => r.status === 'formatted' || r.status === 'clean').map((r) => r.file));
      rest = items.filter((i) => !handled.has(i.file));
    }
  }
  for (const { file, original: before } of rest) {
    if (before === null) continue;
    const abs = path.join(dir, file);
    const current = readFileSync(abs, 'utf8');
    const styled = keepStyle(before, current);
    if (styled !== current) {
      writeFileSync(abs, styled);
      result.formatted.push(file);
      result.formatter ??= 'keep-style';
    }
  }
  result.formatted.sort();
  return result;
}

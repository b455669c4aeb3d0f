/** Lists a workspace's source files with a plain fs walk (no globbing library, no tsconfig). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Folders that never hold the repository's own sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo', '.cache', 'out']);

export function isSourceFile(name: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** Absolute paths of source files under `root`, sorted (minified bundles are not sources). */
export function listSourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.isFile() && isSourceFile(entry.name) && !/\.min\.[cm]?js$/.test(entry.name)) {
        out.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root);
  return out.sort();
}

/** Reads files once and keeps their text (the prefilter and the barrel search share it). */
export class TextCache {
  private readonly texts = new Map<string, string>();
  /** `inMemory` returns a file's current text when the Project holds it (a codemod may have changed it). */
  constructor(private readonly inMemory: (file: string) => string | undefined = () => undefined) {}
  get(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      try {
        text = this.inMemory(file) ?? readSource(file);
      } catch {
        text = '';
      }
      this.texts.set(file, text);
    }
    return text;
  }
}

/** Repository-relative POSIX path. */
export function toRepoPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Files above this size are generated or vendored, not code a migration edits; skipped. */
export const MAX_SOURCE_BYTES = 1_000_000;

function readSource(file: string): string {
  return statSync(file).size > MAX_SOURCE_BYTES ? '' : readFileSync(file, 'utf8');
}

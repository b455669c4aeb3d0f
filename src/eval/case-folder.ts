/**
 * The one scratch folder an eval run reuses for all its cases: each case's `before` tree is
 * written into it, the migration runs there, the produced tree is read back, and the next case
 * replaces the folder's contents. No git repository and no install per case.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walkFiles } from './snapshot.js';

export class CaseFolder {
  readonly dir: string;

  constructor() {
    // realpath: the codemod's Project and the locator compare absolute paths.
    this.dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'godwit-eval-')));
  }

  /** Empties the folder and writes `files` (repository-relative path → contents). */
  load(files: ReadonlyMap<string, string>): void {
    for (const entry of readdirSync(this.dir)) rmSync(path.join(this.dir, entry), { recursive: true, force: true });
    const made = new Set<string>();
    for (const [file, text] of files) {
      const parent = path.dirname(path.join(this.dir, file));
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      writeFileSync(path.join(this.dir, file), text);
    }
  }

  read(): Map<string, string> {
    return readTree(this.dir);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every file under `dir` (but .git and node_modules), repository-relative POSIX path → contents. */
export function readTree(dir: string): Map<string, string> {
  return new Map(walkFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

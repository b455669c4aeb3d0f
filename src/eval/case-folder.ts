/**
 * The one scratch folder an eval run reuses for all its cases: each case's `before` tree is
 * written into it, the migration runs there, the produced tree is read back, and the next case
 * replaces the folder's contents. No git repository and no install per case.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walkFiles } from './snapshot.js';

export class CaseFolder {
  readonly dir: string;
  /**
   * What the folder holds, as last read back (`read()`); undefined when unknown (a run may
   * have written files since `load`). Known contents let the next `load` write only what
   * differs — most consecutive pairs share their scaffolding package.json.
   */
  private known: Map<string, string> | undefined = new Map();

  constructor() {
    // realpath: the codemod's Project and the locator compare absolute paths.
    this.dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'godwit-eval-')));
  }

  /** Makes the folder hold exactly `files` (repository-relative path → contents). */
  load(files: ReadonlyMap<string, string>): void {
    const known = this.known;
    this.known = undefined;
    if (!known) {
      for (const entry of readdirSync(this.dir)) rmSync(path.join(this.dir, entry), { recursive: true, force: true });
    } else {
      for (const file of known.keys()) if (!files.has(file)) this.remove(file);
    }
    const made = new Set<string>([this.dir]);
    for (const [file, text] of files) {
      if (known?.get(file) === text) continue;
      const parent = path.dirname(path.join(this.dir, file));
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      writeFileSync(path.join(this.dir, file), text);
    }
  }

  /** The folder's files now (and, from here on, what the next `load` starts from). */
  read(): Map<string, string> {
    const tree = readTree(this.dir);
    this.known = new Map(tree);
    return tree;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Deletes a file and the folders it leaves empty. */
  private remove(file: string): void {
    unlinkSync(path.join(this.dir, file));
    for (let parent = path.dirname(file); parent !== '.'; parent = path.dirname(parent)) {
      const abs = path.join(this.dir, parent);
      if (readdirSync(abs).length > 0) break;
      rmdirSync(abs);
    }
  }
}

/** Every file under `dir` (but .git and node_modules), repository-relative POSIX path → contents. */
export function readTree(dir: string): Map<string, string> {
  return new Map(walkFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/**
 * Saves a codemod's changes, confined to the workspace. The repository is untrusted: a symlinked
 * source file, or a tsconfig `include` that reaches outside the repository, puts files from
 * elsewhere on the machine into the Project, and `project.save()` would rewrite them. Changed
 * files that are outside the workspace, symlinks or inside .git/ are dropped with a warning, and so
 * are changes to files that are not UTF-8 (ts-morph would re-encode their bytes as U+FFFD).
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from 'ts-morph';
import { checkPath } from '../agent/safe-path.js';

function notUtf8(abs: string): boolean {
  return existsSync(abs) && !isUtf8(readFileSync(abs));
}

/** Up to this many changed files are written synchronously (see below). */
const SAVE_SYNC_MAX_FILES = 20;

/** `beforeSave` gets the absolute paths about to be written (the pre-scan keeps their originals). */
export async function saveProjectInWorkspace(project: Project, dir: string, warn: (message: string) => void, beforeSave?: (files: string[]) => void): Promise<void> {
  for (const file of project.getSourceFiles()) {
    if (file.isSaved()) continue;
    const checked = checkPath(dir, path.relative(dir, file.getFilePath()), { write: true });
    const why = !checked.ok ? checked.reason : notUtf8(checked.abs) ? 'the file is not UTF-8 text; rewriting it would corrupt its bytes' : undefined;
    if (!why) continue;
    warn(`codemod change to ${file.getFilePath()} not written: ${why}`);
    project.removeSourceFile(file);
  }
  const unsaved = project.getSourceFiles().filter((f) => !f.isSaved());
  beforeSave?.(unsaved.map((f) => f.getFilePath()));
  // A few files at once: the async save's round trips through libuv's thread pool cost more than
  // the writes (5–20 ms for three small files on a busy 2-core machine). Many: do not hold the
  // event loop (another job's) for the whole write.
  if (unsaved.length <= SAVE_SYNC_MAX_FILES) project.saveSync();
  else await project.save();
}

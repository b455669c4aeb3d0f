/**
 * Saves a codemod's changes, confined to the workspace. The repository is untrusted: a symlinked
 * source file, or a tsconfig `include` that reaches outside the repository, puts files from
 * elsewhere on the machine into the Project, and `project.save()` would rewrite them. Changed
 * files that are outside the workspace, symlinks or inside .git/ are dropped with a warning.
 */
import path from 'node:path';
import type { Project } from 'ts-morph';
import { checkPath } from '../agent/safe-path.js';

export async function saveProjectInWorkspace(project: Project, dir: string, warn: (message: string) => void): Promise<void> {
  for (const file of project.getSourceFiles()) {
    if (file.isSaved()) continue;
    const checked = checkPath(dir, path.relative(dir, file.getFilePath()), { write: true });
    if (checked.ok) continue;
    warn(`codemod change to ${file.getFilePath()} not written: ${checked.reason}`);
    project.removeSourceFile(file);
  }
  await project.save();
}

/**
 * The codemod's view of the workspace: the job's one ts-morph Project (src/context) with the
 * tsconfig's files — or every ts/js file when there is none — added up front, since a codemod
 * walks all sources. Imports are not resolved eagerly (no @types or lib files loaded until a
 * codemod asks the type checker), which keeps the stage fast on small repositories.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Project } from 'ts-morph';
import { createWorkspaceProject as createContextProject } from '../context/index.js';

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

export function createWorkspaceProject(dir: string): Project {
  const project = createContextProject(dir);
  const tsConfigFilePath = path.join(dir, 'tsconfig.json');
  if (existsSync(tsConfigFilePath)) {
    try {
      project.addSourceFilesFromTsConfig(tsConfigFilePath);
      return project;
    } catch {
      // an unreadable tsconfig: fall back to every source file
    }
  }
  const root = dir.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${root}/${SOURCE_GLOB}`, `!${root}/**/node_modules/**`, `!${root}/.git/**`]);
  return project;
}

/** One ts-morph Project per workspace: the tsconfig's files, or every ts/js file when there is none. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

export function createWorkspaceProject(dir: string): Project {
  const tsConfigFilePath = path.join(dir, 'tsconfig.json');
  if (existsSync(tsConfigFilePath)) return new Project({ tsConfigFilePath });
  const project = new Project({ compilerOptions: { allowJs: true, noEmit: true } });
  const root = dir.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${root}/${SOURCE_GLOB}`, `!${root}/**/node_modules/**`, `!${root}/.git/**`]);
  return project;
}

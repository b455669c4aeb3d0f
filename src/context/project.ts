/**
 * The one place that makes a ts-morph Project for a workspace. The job keeps one Project: the
 * codemod stage creates it with every source added (a codemod walks all of them); the
 * context engine and the agent loop reuse it, or create it empty and add files on demand (the
 * locator adds only files that mention the target). Its compiler options follow the
 * workspace's tsconfig.json, and each file's module format follows package.json `"type"` and its
 * extension as in `tsc` (module-format.ts). Imports are not resolved eagerly (no @types or lib files loaded
 * until someone asks the type checker), which keeps small repositories fast.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { trackModuleFormat } from './module-format.js';

/** Used when the workspace has no (readable) tsconfig.json: permissive, resolves like a bundler. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  skipLibCheck: true,
  resolveJsonModule: true,
};

/** Always on, whatever the tsconfig says: JS files are sources too, and we never emit. */
const FORCED_OPTIONS: ts.CompilerOptions = { allowJs: true, noEmit: true };

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

export interface WorkspaceProjectOptions {
  /**
   * Add the sources up front: the tsconfig's files, or every ts/js file outside node_modules
   * and .git when there is no readable tsconfig. Default: start empty.
   */
  addSources?: boolean;
  /**
   * The workspace's files (repository-relative), when the caller already knows them (eval's
   * case folder): without a tsconfig, the sources among them are added directly instead of
   * through a glob over the folder.
   */
  files?: ReadonlyArray<string>;
}

export function createWorkspaceProject(dir: string, options: WorkspaceProjectOptions = {}): Project {
  const root = path.resolve(dir);
  const tsConfigFilePath = path.join(root, 'tsconfig.json');
  const hasTsConfig = existsSync(tsConfigFilePath);
  const project = (hasTsConfig ? fromTsConfig(tsConfigFilePath) : undefined) ?? new Project({
    compilerOptions: { ...DEFAULT_OPTIONS, ...FORCED_OPTIONS },
    skipFileDependencyResolution: true,
  });
  // Files get their module format (ESM/CommonJS) as tsc gives it: package.json "type", .mts/.cts.
  trackModuleFormat(project);
  if (options.addSources) addSources(project, root, hasTsConfig ? tsConfigFilePath : undefined, options.files);
  return project;
}

function fromTsConfig(tsConfigFilePath: string): Project | undefined {
  try {
    return new Project({
      tsConfigFilePath,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      compilerOptions: FORCED_OPTIONS,
    });
  } catch {
    // A tsconfig.json that does not parse (or extends a package that is not installed)
    // must not stop us from reading the sources: the caller falls back to the defaults.
    return undefined;
  }
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIR = /(^|\/)(node_modules|\.git)\//;

function addSources(project: Project, root: string, tsConfigFilePath: string | undefined, files: ReadonlyArray<string> | undefined): void {
  if (tsConfigFilePath) {
    try {
      project.addSourceFilesFromTsConfig(tsConfigFilePath);
      return;
    } catch {
      // an unreadable tsconfig: fall back to every source file
    }
  }
  if (files) {
    // The same set as SOURCE_GLOB below, from the list.
    for (const file of files) if (SOURCE_FILE.test(file) && !SKIPPED_DIR.test(file)) project.addSourceFileAtPath(path.join(root, file));
    return;
  }
  const glob = root.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${glob}/${SOURCE_GLOB}`, `!${glob}/**/node_modules/**`, `!${glob}/.git/**`]);
}

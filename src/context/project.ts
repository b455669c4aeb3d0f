/**
 * One ts-morph Project per workspace. It starts empty and files are added on demand (the
 * locator adds only files that mention the target); the codemod stage and the agent loop
 * reuse the same Project, so its compiler options follow the workspace's tsconfig.json.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';

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

export function createWorkspaceProject(dir: string): Project {
  const root = path.resolve(dir);
  const tsConfigFilePath = path.join(root, 'tsconfig.json');
  if (existsSync(tsConfigFilePath)) {
    try {
      return new Project({
        tsConfigFilePath,
        skipAddingFilesFromTsConfig: true,
        skipFileDependencyResolution: true,
        compilerOptions: FORCED_OPTIONS,
      });
    } catch {
      // A tsconfig.json that does not parse (or extends a package that is not installed)
      // must not stop us from reading the sources: fall back to the defaults.
    }
  }
  return new Project({
    compilerOptions: { ...DEFAULT_OPTIONS, ...FORCED_OPTIONS },
    skipFileDependencyResolution: true,
  });
}

/**
 * A TypeScript program over just the given source files: no lib files, no module resolution,
 * nothing read from disk. It costs milliseconds instead of the seconds a full program takes
 * to load lib.d.ts and every dependency, and is what the context engine's local checker and
 * the codemod's per-file check (src/pipeline/file-check.ts) both build on.
 */
import { ts } from 'ts-morph';

export function inMemoryProgram(files: readonly ts.SourceFile[], options: ts.CompilerOptions): ts.Program {
  const byName = new Map(files.map((f) => [f.fileName, f] as const));
  const host: ts.CompilerHost = {
    getSourceFile: (name) => byName.get(name),
    fileExists: (name) => byName.has(name),
    readFile: () => undefined,
    writeFile: () => undefined,
    getDefaultLibFileName: () => 'lib.d.ts',
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
  };
  return ts.createProgram({
    rootNames: [...byName.keys()],
    options: { ...options, noLib: true, noResolve: true, types: [], allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true },
    host,
  });
}

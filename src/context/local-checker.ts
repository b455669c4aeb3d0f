/**
 * A type checker over just the given files, without lib files and without module resolution.
 * It is enough to tell which local symbol an identifier refers to (imports are file-local
 * aliases), and it costs milliseconds instead of the seconds a full program takes to load
 * lib.d.ts and every dependency. The source files are the Project's own objects, so nodes
 * found here are nodes of the Project (the same sharing tsserver does across projects).
 */
import { ts } from 'ts-morph';

export function createLocalChecker(files: readonly ts.SourceFile[], options: ts.CompilerOptions): ts.TypeChecker {
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
  const program = ts.createProgram({
    rootNames: [...byName.keys()],
    options: { ...options, noLib: true, noResolve: true, types: [], allowJs: true, checkJs: false, noEmit: true },
    host,
  });
  return program.getTypeChecker();
}

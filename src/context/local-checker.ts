/**
 * A type checker over just the given files (an in-memory program: no lib files, no module
 * resolution). It is enough to tell which local symbol an identifier refers to (imports are
 * file-local aliases), and it costs milliseconds. The source files are the Project's own
 * objects, so nodes found here are nodes of the Project (the same sharing tsserver does across
 * projects).
 */
import type { ts } from 'ts-morph';
import { inMemoryProgram } from './in-memory-program.js';

export function createLocalChecker(files: readonly ts.SourceFile[], options: ts.CompilerOptions): ts.TypeChecker {
  return inMemoryProgram(files, options).getTypeChecker();
}

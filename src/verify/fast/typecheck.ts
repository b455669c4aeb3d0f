/**
 * In-loop incremental typecheck through the workspace's one ts-morph Project: refresh the
 * changed files from disk, then ask the language service for syntactic + semantic
 * diagnostics of the changed files and the files that import them (two levels) — never the
 * whole program.
 * The language service reuses everything unchanged, so a one-file edit costs a fraction of a
 * cold `tsc --noEmit` (see bench/loop).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ts, type Project, type SourceFile } from 'ts-morph';
import type { Diagnostic, VerifierResult } from '../../report/run-report.js';

const CHECKABLE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;
const MAX_DEPENDENTS = 500;
const DEPENDENT_DEPTH = 2;
const MAX_DIAGNOSTICS = 50;

/** Projects whose tsconfig files have been loaded (the context engine starts them empty). */
const loaded = new WeakSet<Project>();

/** Adds the tsconfig's files once, so that dependents of a changed file are known. */
export function ensureProjectFiles(project: Project, dir: string): void {
  if (loaded.has(project)) return;
  loaded.add(project);
  const tsconfig = path.join(dir, 'tsconfig.json');
  if (!existsSync(tsconfig)) return;
  try {
    project.addSourceFilesFromTsConfig(tsconfig);
  } catch {
    // An unreadable tsconfig leaves the project as it is: changed files are still checked.
  }
}

function toPosixRel(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

function inNodeModules(sf: SourceFile): boolean {
  return sf.getFilePath().includes('/node_modules/') || sf.isDeclarationFile() && sf.isInNodeModules();
}

/** Brings the Project in line with the disk for these files; returns the files to check. */
export function syncChangedFiles(project: Project, dir: string, changed: ReadonlyArray<string>): SourceFile[] {
  ensureProjectFiles(project, dir);
  const toCheck = new Map<string, SourceFile>();
  // Dependents up to DEPENDENT_DEPTH imports away: a changed type often surfaces one file further.
  const addDependents = (start: SourceFile): void => {
    let frontier = [start];
    for (let depth = 0; depth < DEPENDENT_DEPTH && frontier.length; depth++) {
      const next: SourceFile[] = [];
      for (const sf of frontier) {
        for (const dep of sf.getReferencingSourceFiles()) {
          if (toCheck.size >= MAX_DEPENDENTS) return;
          if (inNodeModules(dep) || toCheck.has(dep.getFilePath())) continue;
          toCheck.set(dep.getFilePath(), dep);
          next.push(dep);
        }
      }
      frontier = next;
    }
  };
  for (const rel of changed) {
    if (!CHECKABLE.test(rel)) continue;
    const abs = path.join(dir, rel);
    const existing = project.getSourceFile(abs);
    if (!existsSync(abs)) {
      if (existing) {
        addDependents(existing);
        project.removeSourceFile(existing);
      }
      continue;
    }
    const sf = existing ?? project.addSourceFileAtPath(abs);
    if (existing) sf.refreshFromFileSystemSync();
    toCheck.set(sf.getFilePath(), sf);
    addDependents(sf);
  }
  // A removed file must not linger in the map.
  for (const [key, sf] of toCheck) if (sf.wasForgotten()) toCheck.delete(key);
  return [...toCheck.values()];
}

function toDiagnostic(dir: string, d: ts.Diagnostic): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  const base: Diagnostic = {
    code: `TS${d.code}`,
    message,
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
  };
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { ...base, file: toPosixRel(dir, d.file.fileName), line: line + 1, column: character + 1 };
  }
  return base;
}

export interface IncrementalTypecheck {
  result: VerifierResult;
  checkedFiles: string[];
}

/** Diagnostics (errors and warnings, not suggestions) of the changed files and their dependents. */
export function incrementalTypecheck(project: Project, dir: string, changed: ReadonlyArray<string>): IncrementalTypecheck {
  const started = performance.now();
  const files = syncChangedFiles(project, dir, changed);
  const service = project.getLanguageService().compilerObject;
  const diagnostics: Diagnostic[] = [];
  for (const sf of files) {
    const name = sf.getFilePath();
    for (const d of [...service.getSyntacticDiagnostics(name), ...service.getSemanticDiagnostics(name)]) {
      if (d.category === ts.DiagnosticCategory.Error || d.category === ts.DiagnosticCategory.Warning) diagnostics.push(toDiagnostic(dir, d));
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const checkedFiles = files.map((f) => toPosixRel(dir, f.getFilePath()));
  return {
    checkedFiles,
    result: {
      kind: 'typecheck',
      command: `incremental typecheck (${checkedFiles.length} file${checkedFiles.length === 1 ? '' : 's'})`,
      status: errors ? 'fail' : 'pass',
      exitCode: errors ? 1 : 0,
      durationMs: Math.round(performance.now() - started),
      diagnostics: diagnostics.slice(0, MAX_DIAGNOSTICS),
      diagnosticsTotal: diagnostics.length,
      outputTail: '',
    },
  };
}

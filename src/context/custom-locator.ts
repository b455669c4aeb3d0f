/** Runs a migration's own locator (`target.locate`) and turns what it returns into Sites; `sitesAt` does the second half for any positions (a codemod's leftover sites). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Project } from 'ts-morph';
import type { Locator, SiteLike } from '../catalog/definition.js';
import { GodwitError } from '../errors.js';
import { findEnclosing } from './enclosing.js';
import { isSourceFile, listSourceFiles, toRepoPath } from './files.js';
import type { Site, SiteKind } from './types.js';

const KINDS = new Set<SiteKind>(['import', 'export-from', 'import-equals', 'require', 'dynamic-import', 'type-import', 'call', 'jsx', 'type-reference', 'property-access', 'reference', 'custom']);

export async function customSites(project: Project, root: string, locate: Locator): Promise<Site[]> {
  // A custom locator may look anywhere, so it sees every source file of the workspace.
  for (const file of listSourceFiles(root)) if (!project.getSourceFile(file)) project.addSourceFileAtPath(file);
  let found;
  try {
    found = await locate(project);
  } catch (error) {
    throw new GodwitError('migration-invalid', `the migration's target.locate failed: ${error instanceof Error ? error.message : String(error)}`, 'Fix the locator function in the migration definition; `godwit context <migration> <repo>` runs it alone.', { cause: error });
  }
  if (!Array.isArray(found)) throw new GodwitError('migration-invalid', 'target.locate must return an array of sites', 'Return [{ file, line, column, kind }, …] from the locator.');
  return sitesAt(project, root, found);
}

/**
 * Turns positions (`file` repository-relative or absolute, 1-based line/column) into Sites with
 * their enclosing declaration, in the same order. Files the Project does not hold yet are added.
 */
export function sitesAt(project: Project, root: string, found: ReadonlyArray<SiteLike & { reason?: string }>): Site[] {
  return found.map((s) => {
    const absolute = path.resolve(root, s.file);
    const site: Site = {
      file: toRepoPath(root, absolute),
      line: s.line,
      column: s.column,
      kind: KINDS.has(s.kind as SiteKind) ? (s.kind as SiteKind) : 'custom',
    };
    if (s.reason !== undefined) site.reason = s.reason;
    let sf = project.getSourceFile(absolute);
    if (!sf && isSourceFile(absolute) && existsSync(absolute)) {
      try {
        sf = project.addSourceFileAtPath(absolute);
      } catch {
        sf = undefined;
      }
    }
    if (sf && s.line >= 1 && s.line <= sf.getEndLineNumber()) {
      const c = sf.compilerNode;
      const lineStart = c.getPositionOfLineAndCharacter(s.line - 1, 0);
      const lineEnd = s.line < sf.getEndLineNumber() ? c.getPositionOfLineAndCharacter(s.line, 0) : c.getEnd();
      const pos = Math.min(lineStart + Math.max(0, s.column - 1), Math.max(lineStart, lineEnd - 1));
      const node = sf.getDescendantAtPos(pos)?.compilerNode;
      if (node) {
        const e = findEnclosing(node);
        site.enclosing = {
          name: e.name,
          kind: e.kind,
          startLine: c.getLineAndCharacterOfPosition(e.node.getStart(c, true)).line + 1,
          endLine: c.getLineAndCharacterOfPosition(e.node.getEnd()).line + 1,
        };
      }
    }
    return site;
  });
}

/**
 * Expansion: the pieces of code a context may show, each with a priority. Sites first (0),
 * then their enclosing declarations (1), then declarations they use at distance d (1 + d),
 * then sibling test files (TEST_PRIORITY). Order within a priority follows the sorted sites.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { identifiersIn, type FileIndex, type FileIndexes } from './file-index.js';
import type { Site } from './types.js';

export interface Chunk {
  file: string;
  range: [number, number];
  priority: number;
  order: number;
  /** Index of the site this chunk shows (site chunks only). */
  site?: number;
  /** Only worth showing when the chunk of this site is shown. */
  requires?: number;
}

export const TEST_PRIORITY = 50;
/** Enclosing declarations longer than this show a window around the site instead. */
const MAX_ENCLOSING_LINES = 60;
const WINDOW = 10;
/** Dependencies longer than this show their first lines only (functions show only their signature). */
const MAX_DEPENDENCY_LINES = 40;
const TEST_EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mts', 'cts', 'mjs', 'cjs'];

export function isTestFile(file: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || file.includes('__tests__/');
}

export function buildChunks(sites: readonly Site[], indexes: FileIndexes, maxDistance: number, includeTests: boolean): Chunk[] {
  const chunks: Chunk[] = [];
  let order = 0;
  const push = (c: Omit<Chunk, 'order'>): void => {
    chunks.push({ ...c, order: order++ });
  };

  // Regions whose identifiers lead to dependencies, with the site that brought them in.
  let frontier: Array<{ file: string; range: [number, number]; site: number }> = [];
  sites.forEach((site, i) => {
    const e = site.enclosing;
    // Import-like statements are shown whole (they may span lines); other sites by their line.
    const statementLike = e && ['import', 'export', 'variable'].includes(e.kind) && e.endLine - e.startLine < 10;
    push({ file: site.file, range: statementLike ? [e.startLine, e.endLine] : [site.line, site.line], priority: 0, site: i });
    if (!e) return;
    if (e.endLine - e.startLine < MAX_ENCLOSING_LINES) {
      push({ file: site.file, range: [e.startLine, e.endLine], priority: 1, requires: i });
      frontier.push({ file: site.file, range: [e.startLine, e.endLine], site: i });
    } else {
      const window: [number, number] = [Math.max(e.startLine, site.line - WINDOW), Math.min(e.endLine, site.line + WINDOW)];
      push({ file: site.file, range: [e.startLine, e.startLine], priority: 1, requires: i });
      push({ file: site.file, range: window, priority: 1, requires: i });
      push({ file: site.file, range: [e.endLine, e.endLine], priority: 1, requires: i });
      frontier.push({ file: site.file, range: window, site: i });
    }
  });

  const seen = new Set<string>(frontier.map((f) => `${f.file}:${f.range[0]}`));
  for (let distance = 1; distance <= maxDistance && frontier.length > 0; distance++) {
    const next: typeof frontier = [];
    for (const region of frontier) {
      const index = indexes.get(region.file);
      if (!index) continue;
      for (const name of [...identifiersIn(index, region.range[0], region.range[1])].sort()) {
        const dep = dependencyOf(index, name, indexes);
        if (!dep) continue;
        const importKey = dep.importLines && `${region.file}:${dep.importLines[0]}`;
        if (dep.importLines && !seen.has(importKey!)) {
          seen.add(importKey!);
          push({ file: region.file, range: dep.importLines, priority: 1 + distance, requires: region.site });
        }
        const key = `${dep.file}:${dep.range[0]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const range: [number, number] = [dep.range[0], Math.min(dep.range[1], dep.range[0] + MAX_DEPENDENCY_LINES - 1)];
        push({ file: dep.file, range, priority: 1 + distance, requires: region.site });
        next.push({ file: dep.file, range, site: region.site });
      }
    }
    frontier = next;
  }

  if (includeTests) {
    const siteFiles = new Set(sites.map((s) => s.file));
    const done = new Set<string>();
    sites.forEach((site, i) => {
      if (done.has(site.file) || isTestFile(site.file)) return;
      done.add(site.file);
      for (const test of siblingTests(indexes.root, site.file)) {
        if (siteFiles.has(test) || done.has(test)) continue;
        done.add(test);
        const index = indexes.get(test);
        if (!index) continue;
        for (const st of index.sf.statements) {
          const from = index.sf.getLineAndCharacterOfPosition(st.getStart(index.sf, true)).line + 1;
          const to = index.sf.getLineAndCharacterOfPosition(st.getEnd()).line + 1;
          push({ file: test, range: [from, to], priority: TEST_PRIORITY, requires: i });
        }
      }
    });
  }
  return chunks;
}

/** The declaration a name used in `index` refers to: same file top level, or a relative import. */
function dependencyOf(index: FileIndex, name: string, indexes: FileIndexes): { file: string; range: [number, number]; importLines?: [number, number] } | undefined {
  const local = index.declarations.get(name);
  if (local) return { file: index.file, range: local.signature };
  const imported = index.imports.get(name);
  if (!imported || imported.imported === '*') return undefined;
  const target = indexes.resolve(index.file, imported.specifier);
  const other = target === undefined ? undefined : indexes.get(target);
  const declaration = other?.declarations.get(imported.imported);
  return other && declaration ? { file: other.file, range: declaration.signature, importLines: imported.range } : undefined;
}

/** `src/a/b.ts` → `src/a/b.test.ts`, `src/a/__tests__/b.test.ts`, `test/a/b.test.ts`, … that exist. */
export function siblingTests(root: string, file: string): string[] {
  if (isTestFile(file)) return [];
  const dir = path.posix.dirname(file);
  const base = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  const underSrc = dir === 'src' ? '' : dir.startsWith('src/') ? dir.slice(4) : dir;
  const dirs = [dir, path.posix.join(dir, '__tests__'), path.posix.join('test', underSrc), path.posix.join('tests', underSrc), path.posix.join('test', dir)];
  const out: string[] = [];
  for (const d of [...new Set(dirs)]) {
    for (const kind of ['test', 'spec']) {
      for (const ext of TEST_EXTENSIONS) {
        const candidate = path.posix.normalize(path.posix.join(d, `${base}.${kind}.${ext}`));
        if (!out.includes(candidate) && existsSync(path.join(root, candidate))) out.push(candidate);
      }
    }
  }
  return out;
}

/**
 * locateSites: every place a migration's target appears. Only files that textually mention a
 * target module are parsed (plus files that may import a barrel re-exporting it). Import
 * bindings are file-local, so references are matched per file: syntactically when nothing in
 * the file could shadow a binding, else by symbol with a checker over just those files (no lib,
 * no module resolution). The program is never type-checked as a whole.
 */
import path from 'node:path';
import { ts, type Project } from 'ts-morph';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import { findEnclosing } from './enclosing.js';
import { listSourceFiles, TextCache, toRepoPath } from './files.js';
import { findReferences, findReferencesWithoutChecker } from './references.js';
import { createLocalChecker } from './local-checker.js';
import { matchModule, moduleShape, shapeKey, type Shape } from './shapes.js';
import { sortSites } from './sort-sites.js';
import { customSites } from './custom-locator.js';
import type { Site, SiteKind, Target } from './types.js';

export async function locateSites(project: Project, target: Target, dir: string): Promise<Site[]> {
  const root = path.resolve(dir);
  const sites: Site[] = [];
  const modules = target.modules ?? [];
  if (modules.length > 0) sites.push(...locateModuleSites(project, root, modules, new Set(target.names ?? [])));
  if (target.locate) sites.push(...(await customSites(project, root, target.locate)));
  return sortSites(sites);
}

function locateModuleSites(project: Project, root: string, modules: readonly string[], names: ReadonlySet<string>): Site[] {
  const files = listSourceFiles(root);
  const texts = new TextCache((file) => project.getSourceFile(file)?.getFullText());
  // A file can only import a module directly if the name appears quoted: 'moment', "moment/x", `moment`.
  const quoted = new RegExp(`['"\`](?:${modules.map(escapeRegExp).join('|')})(?:/[^'"\`\\s]*)?['"\`]`);
  const involved = new Set(files.filter((f) => modules.some((m) => texts.get(f).includes(m)) && quoted.test(texts.get(f))));
  const moduleShapes = new Map(modules.map((m) => [m, moduleShape(m)] as const));
  const barrels = new Map<string, Shape>();
  const barrelTokens = new Set<string>();
  const resolveFile = fileResolver(project.getCompilerOptions());
  const sourceOf = (file: string): ts.SourceFile => (project.getSourceFile(file) ?? project.addSourceFileAtPath(file)).compilerNode;
  const resolverFor = (from: string) => (specifier: string): Shape | undefined => {
    const m = matchModule(specifier, modules);
    if (m !== undefined) return moduleShapes.get(m);
    // Only specifiers that may name a barrel are resolved (path aliases are bare, so those too).
    if (barrels.size === 0 || (specifier.startsWith('.') && !barrelTokens.has(lastSegment(specifier)))) return undefined;
    const resolved = resolveFile(specifier, from);
    return resolved === undefined ? undefined : barrels.get(resolved);
  };

  // Fixpoint: analyse the involved files; a file that re-exports target bindings is a barrel,
  // and the files that may import it (they mention its name) join the involved set.
  const searched = new Set<string>();
  const analyses = new Map<string, FileAnalysis>();
  // A file is analysed again only when the barrels changed and it may import one of them.
  const analysedAt = new Map<string, number>();
  let version = 0;
  for (let round = 0, changed = true; changed && round < 12; round++) {
    changed = false;
    const startVersion = version;
    for (const file of [...involved].sort()) {
      const seen = analysedAt.get(file);
      if (seen !== undefined && (seen === startVersion || ![...barrelTokens].some((t) => texts.get(file).includes(t)))) continue;
      const analysis = analyzeFile(sourceOf(file), resolverFor(file), names);
      analyses.set(file, analysis);
      analysedAt.set(file, startVersion);
      if (!analysis.barrel) continue;
      const next: Shape = { file, ...analysis.barrel };
      const current = barrels.get(file);
      if (current && shapeKey(current) === shapeKey(next)) continue;
      if (current) Object.assign(current, next);
      else barrels.set(file, next);
      version++;
      changed = true;
    }
    for (const barrel of barrels.keys()) {
      if (searched.has(barrel)) continue;
      searched.add(barrel);
      const token = barrelToken(barrel);
      barrelTokens.add(token);
      for (const f of files) {
        if (!involved.has(f) && texts.get(f).includes(token)) {
          involved.add(f);
          changed = true;
        }
      }
    }
  }

  const withDecls = [...analyses].filter(([, a]) => a.decls.length > 0);
  // References: syntactically where no declaration can shadow a binding; with a checker over
  // just the other files otherwise.
  const references = new Map(withDecls.map(([file, a]) => [file, findReferencesWithoutChecker(sourceOf(file), a.bindings, names)] as const));
  const needChecker = withDecls.filter(([file]) => references.get(file) === undefined);
  if (needChecker.length > 0) {
    const checker = createLocalChecker(needChecker.map(([file]) => sourceOf(file)), project.getCompilerOptions());
    for (const [file, a] of needChecker) references.set(file, findReferences(sourceOf(file), a.bindings, checker, names));
  }
  const sites: Site[] = [];
  for (const [file, analysis] of withDecls) {
    const sf = sourceOf(file);
    const rel = toRepoPath(root, file);
    for (const ref of references.get(file)!) {
      ref.binding.decl.used = true;
      sites.push(makeSite(sf, rel, ref.node, ref.kind, ref.ref.module, ref.binding.local, ref.binding.decl.via, root));
    }
    for (const decl of analysis.decls) {
      if (!decl.always && !decl.used) continue;
      const binding = decl.bindings.map((b) => b.local).join(', ') || undefined;
      sites.push(makeSite(sf, rel, decl.node, decl.kind, decl.module, binding, decl.via, root));
    }
  }
  return sites;
}

function makeSite(sf: ts.SourceFile, file: string, node: ts.Node, kind: SiteKind, module: string, binding: string | undefined, via: string | undefined, root: string): Site {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const enclosing = findEnclosing(node);
  const site: Site = {
    file,
    line: line + 1,
    column: character + 1,
    kind,
    module,
    enclosing: {
      name: enclosing.name,
      kind: enclosing.kind,
      startLine: sf.getLineAndCharacterOfPosition(enclosing.node.getStart(sf, true)).line + 1,
      endLine: sf.getLineAndCharacterOfPosition(enclosing.node.getEnd()).line + 1,
    },
  };
  if (binding !== undefined) site.binding = binding;
  if (via !== undefined) site.via = toRepoPath(root, via);
  return site;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The word an importer of `file` must contain: its base name, or its folder's for index files. */
function barrelToken(file: string): string {
  const base = path.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  return base === 'index' ? path.basename(path.dirname(file)) : base;
}

/** `../dates/index.js` → `dates`, `./fmt` → `fmt`: what barrelToken() gives for the file it may resolve to. */
function lastSegment(specifier: string): string {
  const parts = specifier.replace(/\.[cm]?[jt]sx?$/, '').split('/').filter((p) => p !== '' && p !== '.');
  if (parts[parts.length - 1] === 'index') parts.pop();
  return parts[parts.length - 1] ?? '';
}

function fileResolver(options: ts.CompilerOptions): (specifier: string, from: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (specifier, from) => {
    const key = `${path.dirname(from)}\0${specifier}`;
    if (!cache.has(key)) {
      const resolved = ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule;
      cache.set(key, resolved && !resolved.isExternalLibraryImport ? path.resolve(resolved.resolvedFileName) : undefined);
    }
    return cache.get(key);
  };
}

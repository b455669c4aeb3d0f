/**
 * Per-file facts the context builder needs: the lines, the top-level declarations by name,
 * and the imports by local name. Syntactic only; built once per file and cached.
 */
import path from 'node:path';
import { ts, type Project } from 'ts-morph';

export interface ImportedName {
  specifier: string;
  /** Exported name in the other module (`default` for default imports, `*` for namespaces). */
  imported: string;
  /** Lines of the import statement. */
  range: [number, number];
}

export interface Declaration {
  /** 1-based inclusive lines of the whole statement. */
  range: [number, number];
  /** What a user of it needs: a function's signature (up to its body's `{`), else the whole statement. */
  signature: [number, number];
}

export interface FileIndex {
  file: string;
  sf: ts.SourceFile;
  lines: string[];
  /** Top-level declarations by declared name. */
  declarations: Map<string, Declaration>;
  imports: Map<string, ImportedName>;
}

export class FileIndexes {
  private readonly cache = new Map<string, FileIndex | undefined>();
  private readonly resolved = new Map<string, string | undefined>();
  constructor(
    private readonly project: Project,
    readonly root: string,
  ) {}

  /** `file` is repository-relative POSIX; undefined when the file cannot be read or parsed. */
  get(file: string): FileIndex | undefined {
    if (!this.cache.has(file)) this.cache.set(file, this.build(file));
    return this.cache.get(file);
  }

  /** Resolves an import of `from` to a repository file (repository-relative), or undefined. */
  resolve(from: string, specifier: string): string | undefined {
    const key = `${path.posix.dirname(from)}\0${specifier}`;
    if (!this.resolved.has(key)) {
      const abs = path.join(this.root, from);
      const r = ts.resolveModuleName(specifier, abs, this.project.getCompilerOptions(), ts.sys).resolvedModule;
      const rel = r && !r.isExternalLibraryImport ? path.relative(this.root, path.resolve(r.resolvedFileName)).split(path.sep).join('/') : undefined;
      this.resolved.set(key, rel && !rel.startsWith('..') && !rel.endsWith('.d.ts') ? rel : undefined);
    }
    return this.resolved.get(key);
  }

  private build(file: string): FileIndex | undefined {
    const abs = path.join(this.root, file);
    let source = this.project.getSourceFile(abs);
    if (!source) {
      try {
        source = this.project.addSourceFileAtPath(abs);
      } catch {
        return undefined;
      }
    }
    const sf = source.compilerNode;
    const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line + 1;
    const declarations = new Map<string, Declaration>();
    const imports = new Map<string, ImportedName>();
    for (const st of sf.statements) {
      const range: [number, number] = [lineOf(st.getStart(sf, true)), lineOf(st.getEnd())];
      const body = functionBody(st);
      const signature: [number, number] = body ? [range[0], lineOf(body.getStart(sf))] : range;
      for (const name of declaredNames(st)) if (!declarations.has(name)) declarations.set(name, { range, signature });
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
        const specifier = st.moduleSpecifier.text;
        const clause = st.importClause;
        if (clause.name) imports.set(clause.name.text, { specifier, imported: 'default', range });
        const named = clause.namedBindings;
        if (named && ts.isNamespaceImport(named)) imports.set(named.name.text, { specifier, imported: '*', range });
        if (named && ts.isNamedImports(named)) for (const el of named.elements) imports.set(el.name.text, { specifier, imported: (el.propertyName ?? el.name).text, range });
      }
    }
    return { file, sf, lines: sf.getFullText().split(/\r?\n/), declarations, imports };
  }
}

/** The block body of a function declaration or of `const f = (…) => { … }`. */
function functionBody(st: ts.Statement): ts.Block | undefined {
  if (ts.isFunctionDeclaration(st)) return st.body;
  if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
    const init = st.declarationList.declarations[0]!.initializer;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isBlock(init.body)) return init.body;
  }
  return undefined;
}

function hasModifier(st: ts.Statement, kind: ts.SyntaxKind): boolean {
  return (ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined)?.some((m) => m.kind === kind) ?? false;
}

function declaredNames(st: ts.Statement): string[] {
  const names: string[] = [];
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  } else if (
    (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) &&
    st.name &&
    ts.isIdentifier(st.name)
  ) {
    names.push(st.name.text);
  }
  if (hasModifier(st, ts.SyntaxKind.DefaultKeyword) || (ts.isExportAssignment(st) && !st.isExportEquals)) names.push('default');
  return names;
}

/** Identifier texts used within lines [from, to] of the file (property names after a dot excluded). */
export function identifiersIn(index: FileIndex, from: number, to: number): Set<string> {
  const { sf } = index;
  const lineCount = sf.getLineStarts().length;
  if (from > lineCount) return new Set();
  const start = sf.getPositionOfLineAndCharacter(Math.max(0, from - 1), 0);
  const end = to >= lineCount ? sf.getEnd() : sf.getPositionOfLineAndCharacter(to, 0);
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (node.getEnd() < start || node.getStart(sf) > end) return;
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      const isMemberName = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isQualifiedName(p) && p.right === node);
      if (!isMemberName) out.add(node.text);
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

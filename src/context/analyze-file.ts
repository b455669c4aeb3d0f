/**
 * Syntactic pass over one file: which declarations bring in a target (imports, `export … from`,
 * `import x = require`, `require()`, `import()`, `import('m').T` types), the local bindings they
 * create, and — when the file re-exports any of them — its barrel shape. No type checker here;
 * references to the bindings are matched by symbol later (references.ts).
 */
import { ts } from 'ts-morph';
import type { SiteKind } from './types.js';
import { lookup, refWanted, type Ref, type Shape } from './shapes.js';

/** Maps a module specifier written in this file to a target module or barrel (or nothing). */
export type ResolveSpecifier = (specifier: string) => Shape | undefined;

export interface DeclSite {
  node: ts.Node;
  kind: SiteKind;
  module: string;
  /** Absolute path of the barrel the bindings come through, when not the module itself. */
  via?: string;
  /** A site whatever happens to its bindings (e.g. `import 'moment'`, `import { format }` with format wanted). */
  always: boolean;
  /** Set when one of its bindings has a wanted reference. */
  used: boolean;
  bindings: Binding[];
}

export interface Binding {
  local: string;
  nameNode: ts.Identifier;
  /** What the binding is: an export of a target module or its namespace… */
  ref?: Ref;
  /** …or the namespace of a barrel (only member accesses that resolve to a target count). */
  barrel?: Shape;
  decl: DeclSite;
}

export interface FileAnalysis {
  decls: DeclSite[];
  bindings: Binding[];
  /** Re-exports of target bindings, when the file is a barrel. */
  barrel?: { exports: Map<string, Ref>; stars: Shape[]; own: Set<string> };
}

const firstModule = (shape: Shape): string | undefined =>
  shape.module ?? [...shape.exports.values()][0]?.module ?? shape.stars.map(firstModule).find((m) => m !== undefined);

export function analyzeFile(sf: ts.SourceFile, resolve: ResolveSpecifier, names: ReadonlySet<string>): FileAnalysis {
  const decls: DeclSite[] = [];
  const bindings: Binding[] = [];
  const exports = new Map<string, Ref>();
  const stars: Shape[] = [];
  const own = new Set<string>();
  const localExports: ts.ExportSpecifier[] = [];
  let defaultExport: ts.Identifier | undefined;

  const staticWanted = (b: Binding): boolean =>
    b.ref !== undefined && (b.ref.name === '*' ? names.size === 0 : refWanted(b.ref, names));

  const newDecl = (node: ts.Node, kind: SiteKind, shape: Shape): DeclSite => {
    const decl: DeclSite = { node, kind, module: shape.module ?? '', always: false, used: false, bindings: [] };
    if (shape.file !== undefined) decl.via = shape.file;
    return decl;
  };
  const bind = (decl: DeclSite, nameNode: ts.Identifier, shape: Shape, imported: string): void => {
    const b: Binding = { local: nameNode.text, nameNode, decl };
    if (imported === '*' && shape.module === undefined) b.barrel = shape;
    else {
      const ref = imported === '*' ? { module: shape.module!, name: '*' } : lookup(shape, imported);
      if (!ref) return;
      b.ref = ref;
    }
    decl.bindings.push(b);
  };
  const finish = (decl: DeclSite, shape: Shape, alwaysIfModule: boolean): void => {
    if (decl.bindings.length === 0 && shape.module === undefined) return;
    decl.module = shape.module ?? decl.bindings.find((b) => b.ref)?.ref?.module ?? firstModule(shape) ?? '';
    decl.always ||= (alwaysIfModule && shape.module !== undefined) || decl.bindings.some(staticWanted);
    decls.push(decl);
    bindings.push(...decl.bindings);
  };
  /** `const x = <call>`, `const { a, b: c } = <call>`, `const f = <call>.f` */
  const bindFromInitializer = (decl: DeclSite, call: ts.Node, shape: Shape): void => {
    let holder: ts.Node = call.parent;
    if (ts.isAwaitExpression(holder)) holder = holder.parent;
    while (ts.isParenthesizedExpression(holder)) holder = holder.parent;
    if (ts.isVariableDeclaration(holder)) {
      if (ts.isIdentifier(holder.name)) bind(decl, holder.name, shape, '*');
      else if (ts.isObjectBindingPattern(holder.name)) {
        for (const el of holder.name.elements) {
          if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
          const prop = el.propertyName;
          const imported = prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? prop.text : el.name.text;
          bind(decl, el.name, shape, imported);
        }
      }
    } else if (ts.isPropertyAccessExpression(holder) && ts.isVariableDeclaration(holder.parent) && ts.isIdentifier(holder.parent.name)) {
      bind(decl, holder.parent.name, shape, holder.name.text);
    } else if (ts.isPropertyAccessExpression(holder)) {
      const ref = lookup(shape, holder.name.text);
      if (ref && refWanted(ref, names)) decl.always = true;
    }
  };

  const visitTopLevel = (st: ts.Statement): void => {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const shape = resolve(st.moduleSpecifier.text);
      if (!shape) return;
      const clause = st.importClause;
      const named = clause?.namedBindings;
      const allInlineTypes = named && ts.isNamedImports(named) && !clause?.name && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      const decl = newDecl(st, clause?.isTypeOnly || allInlineTypes ? 'type-import' : 'import', shape);
      if (clause?.name) bind(decl, clause.name, shape, 'default');
      if (named && ts.isNamespaceImport(named)) bind(decl, named.name, shape, '*');
      if (named && ts.isNamedImports(named)) {
        for (const el of named.elements) bind(decl, el.name, shape, (el.propertyName ?? el.name).text);
      }
      const bare = !clause || (!clause.name && (!named || (ts.isNamedImports(named) && named.elements.length === 0)));
      finish(decl, shape, bare && names.size === 0);
      return;
    }
    if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const shape = resolve(st.moduleSpecifier.text);
      if (!shape) return;
      const decl = newDecl(st, 'export-from', shape);
      const clause = st.exportClause;
      if (!clause) {
        stars.push(shape);
        decl.always = shape.module !== undefined;
      } else if (ts.isNamespaceExport(clause)) {
        if (shape.module !== undefined) {
          exports.set(clause.name.text, { module: shape.module, name: '*' });
          decl.always = true;
        }
      } else {
        for (const el of clause.elements) {
          const ref = lookup(shape, (el.propertyName ?? el.name).text);
          if (!ref) continue;
          exports.set(el.name.text, ref);
          if (ref.name === '*' || refWanted(ref, names)) decl.always = true;
        }
      }
      if (decl.always || exports.size > 0) {
        decl.module = shape.module ?? firstModule(shape) ?? '';
        decls.push(decl);
      }
      return;
    }
    if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
      const expr = st.moduleReference.expression;
      if (!ts.isStringLiteral(expr)) return;
      const shape = resolve(expr.text);
      if (!shape) return;
      const decl = newDecl(st, 'import-equals', shape);
      bind(decl, st.name, shape, '*');
      finish(decl, shape, false);
      return;
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      localExports.push(...st.exportClause.elements);
      return;
    }
    if (ts.isExportAssignment(st) && !st.isExportEquals && ts.isIdentifier(st.expression)) {
      defaultExport = st.expression;
      return;
    }
    collectOwnExports(st, own);
  };

  const visitDeep = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const arg = node.arguments[0]!;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isImport) && ts.isStringLiteralLike(arg)) {
        const shape = resolve(arg.text);
        if (shape) {
          const decl = newDecl(node, isRequire ? 'require' : 'dynamic-import', shape);
          bindFromInitializer(decl, node, shape);
          finish(decl, shape, names.size === 0);
        }
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const shape = resolve(node.argument.literal.text);
      if (shape?.module !== undefined) {
        const decl = newDecl(node, 'type-import', shape);
        const qualifier = node.qualifier && (ts.isIdentifier(node.qualifier) ? node.qualifier.text : leftmost(node.qualifier));
        decl.always = names.size === 0 || (qualifier !== undefined && names.has(qualifier));
        if (decl.always) finish(decl, shape, false);
      }
    }
    ts.forEachChild(node, visitDeep);
  };

  for (const st of sf.statements) visitTopLevel(st);
  ts.forEachChild(sf, visitDeep);

  // Re-exports of bindings imported above make this file a barrel.
  const byLocal = new Map(bindings.filter((b) => b.ref).map((b) => [b.local, b.ref!] as const));
  for (const el of localExports) {
    const ref = byLocal.get((el.propertyName ?? el.name).text);
    if (ref) exports.set(el.name.text, ref);
    else own.add(el.name.text);
  }
  if (defaultExport) {
    const ref = byLocal.get(defaultExport.text);
    if (ref) exports.set('default', ref);
  }
  const result: FileAnalysis = { decls, bindings };
  if (exports.size > 0 || stars.length > 0) result.barrel = { exports, stars, own };
  return result;
}

function leftmost(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : leftmost(name.left);
}

function collectOwnExports(st: ts.Statement, own: Set<string>): void {
  const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
  if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) own.add(d.name.text);
  } else if (
    (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) &&
    st.name
  ) {
    own.add(mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : st.name.text);
  }
}

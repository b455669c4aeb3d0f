/**
 * References to the bindings found by analyzeFile, matched by symbol: an identifier with the
 * same text but another symbol (a parameter, a local variable that shadows the import) is not
 * a site. Bindings are file-local, so one walk per file is enough — no findReferences.
 */
import { ts } from 'ts-morph';
import type { SiteKind } from './types.js';
import type { Binding } from './analyze-file.js';
import { lookup, refWanted, type Ref } from './shapes.js';

export interface ReferenceSite {
  node: ts.Identifier;
  kind: SiteKind;
  binding: Binding;
  ref: Ref;
}

export function findReferences(sf: ts.SourceFile, bindings: readonly Binding[], checker: ts.TypeChecker, names: ReadonlySet<string>): ReferenceSite[] {
  if (bindings.length === 0) return [];
  const byName = new Map<string, Binding[]>();
  for (const b of bindings) byName.set(b.local, [...(byName.get(b.local) ?? []), b]);
  const declNames = new Set<ts.Node>(bindings.map((b) => b.nameNode));
  const symbols = new Map<Binding, ts.Symbol | undefined>();
  const symbolOf = (b: Binding): ts.Symbol | undefined => {
    if (!symbols.has(b)) symbols.set(b, checker.getSymbolAtLocation(b.nameNode));
    return symbols.get(b);
  };
  const out: ReferenceSite[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const candidates = byName.get(node.text);
      if (candidates && !declNames.has(node)) {
        const symbol = symbolAt(node, checker);
        const binding = symbol && candidates.find((b) => symbolOf(b) === symbol);
        if (binding) {
          const site = classifyReference(node, binding, names);
          if (site) out.push(site);
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

/**
 * The fast path, without a type checker: when nothing else in the file declares a binding's
 * name, every identifier with that name in a reference position is the binding. Returns
 * undefined when some declaration could shadow a binding — then findReferences decides.
 */
export function findReferencesWithoutChecker(sf: ts.SourceFile, bindings: readonly Binding[], names: ReadonlySet<string>): ReferenceSite[] | undefined {
  if (bindings.length === 0) return [];
  const byName = new Map<string, Binding>();
  for (const b of bindings) {
    if (byName.has(b.local)) return undefined;
    byName.set(b.local, b);
  }
  const declNames = new Set<ts.Node>(bindings.map((b) => b.nameNode));
  const out: ReferenceSite[] = [];
  let shadowed = false;
  const visit = (node: ts.Node): void => {
    if (shadowed) return;
    if (ts.isIdentifier(node)) {
      const binding = byName.get(node.text);
      if (!binding || declNames.has(node)) return;
      const position = positionOf(node);
      if (position === 'declaration') shadowed = true;
      else if (position === 'reference') {
        const site = classifyReference(node, binding, names);
        if (site) out.push(site);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return shadowed ? undefined : out;
}

/** Declarations that bring a name into a scope (and so may shadow an import). */
function introducesBinding(parent: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isBindingElement(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent) ||
    ts.isClassExpression(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isEnumDeclaration(parent) ||
    ts.isModuleDeclaration(parent) ||
    ts.isTypeParameterDeclaration(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isImportEqualsDeclaration(parent) ||
    ts.isNamespaceExport(parent)
  );
}

/** Whether an identifier is a reference, a declaration of that name, or some other name (a property, a label…). */
function positionOf(node: ts.Identifier): 'reference' | 'declaration' | 'other' {
  const p = node.parent;
  if (ts.isShorthandPropertyAssignment(p)) return p.name === node ? 'reference' : 'other';
  if (ts.isExportSpecifier(p)) {
    if (p.parent.parent.moduleSpecifier) return 'other';
    return (p.propertyName ?? p.name) === node ? 'reference' : 'other';
  }
  if ((p as { name?: ts.Node }).name === node) return introducesBinding(p) ? 'declaration' : 'other';
  if (ts.isQualifiedName(p) && p.right === node) return 'other';
  if ((ts.isBindingElement(p) || ts.isImportSpecifier(p)) && p.propertyName === node) return 'other';
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === node) return 'other';
  return 'reference';
}

function symbolAt(node: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === node) return checker.getShorthandAssignmentValueSymbol(parent);
  if (ts.isExportSpecifier(parent) && !parent.parent.parent.moduleSpecifier) {
    if ((parent.propertyName ?? parent.name) !== node) return undefined;
    return checker.getExportSpecifierLocalTargetSymbol(parent);
  }
  return checker.getSymbolAtLocation(node);
}

/** `ns.member` (value) or `ns.Member` (type): the member name, if the identifier is the object. */
function memberOf(node: ts.Identifier): string | undefined {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === node && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isQualifiedName(p) && p.left === node) return p.right.text;
  return undefined;
}

function classifyReference(node: ts.Identifier, binding: Binding, names: ReadonlySet<string>): ReferenceSite | undefined {
  const member = memberOf(node);
  let ref: Ref | undefined;
  if (binding.barrel) {
    ref = member === undefined ? undefined : lookup(binding.barrel, member);
    if (!ref || !(ref.name === '*' ? names.size === 0 : refWanted(ref, names))) return undefined;
  } else if (binding.ref && binding.ref.name === '*' && member !== undefined) {
    ref = { module: binding.ref.module, name: member };
    if (!refWanted(ref, names)) return undefined;
  } else if (binding.ref?.name === 'default' && member !== undefined && names.size > 0 && names.has(member)) {
    // `moment.utc()` through a default import of a CommonJS-style module is its `utc` export.
    ref = { module: binding.ref.module, name: member };
  } else {
    ref = binding.ref;
    if (!ref || !refWanted(ref, names)) return undefined;
  }
  const kind = referenceKind(node);
  return kind ? { node, kind, binding, ref } : undefined;
}

/** The kind of a reference, from the syntax around it; undefined for a JSX closing tag. */
export function referenceKind(id: ts.Identifier): SiteKind | undefined {
  let node: ts.Node = id;
  while (ts.isQualifiedName(node.parent) && node.parent.left === node) node = node.parent;
  const typeParent = node.parent;
  if (ts.isTypeReferenceNode(typeParent) || ts.isTypeQueryNode(typeParent)) return 'type-reference';
  if (ts.isExpressionWithTypeArguments(typeParent) && isTypeHeritage(typeParent)) return 'type-reference';

  node = id;
  let viaMember = false;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
    node = node.parent;
    viaMember = true;
    break;
  }
  const p = node.parent;
  if (ts.isJsxClosingElement(p)) return undefined;
  if ((ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p)) && p.tagName === node) return 'jsx';
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === node) return 'call';
  if (ts.isTaggedTemplateExpression(p) && p.tag === node) return 'call';
  return viaMember ? 'property-access' : 'reference';
}

function isTypeHeritage(node: ts.ExpressionWithTypeArguments): boolean {
  const clause = node.parent;
  if (!ts.isHeritageClause(clause)) return false;
  return clause.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(clause.parent);
}

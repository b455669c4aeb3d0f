/**
 * The declaration around a site: function, method, accessor, class field, a test case
 * (`it('…', () => …)`), or else the top-level statement. This is what the model needs to see
 * to change the site, and what Site.enclosing reports.
 */
import { ts } from 'ts-morph';

export interface Enclosing {
  name: string;
  kind: string;
  /** The node whose lines are shown. */
  node: ts.Node;
}

const TEST_CALLS = new Set(['it', 'test', 'specify', 'describe', 'suite', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll']);

export function findEnclosing(site: ts.Node): Enclosing {
  let top: ts.Node = site;
  for (let n: ts.Node = site; !ts.isSourceFile(n); n = n.parent) {
    const found = declarationAt(n);
    if (found) return found;
    top = n;
  }
  return { name: statementName(top), kind: statementKind(top), node: top };
}

function nameText(name: ts.Node | undefined): string {
  if (!name) return '';
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return '';
}

function declarationAt(n: ts.Node): Enclosing | undefined {
  if (ts.isFunctionDeclaration(n)) return { name: nameText(n.name), kind: 'function', node: n };
  if (ts.isMethodDeclaration(n)) return { name: memberName(n), kind: 'method', node: n };
  if (ts.isConstructorDeclaration(n)) return { name: memberName(n, 'constructor'), kind: 'constructor', node: n };
  if (ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) return { name: memberName(n), kind: 'accessor', node: n };
  if (ts.isPropertyDeclaration(n)) return { name: memberName(n), kind: 'property', node: n };
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
    const p = n.parent;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
      const statement = p.parent.parent;
      return { name: p.name.text, kind: 'function', node: ts.isVariableStatement(statement) ? statement : p };
    }
    if (ts.isPropertyAssignment(p)) return { name: nameText(p.name), kind: 'function', node: p };
    if (ts.isCallExpression(p) && isTestCall(p)) {
      const title = p.arguments[0];
      const node = ts.isExpressionStatement(p.parent) ? p.parent : p;
      return { name: title && ts.isStringLiteralLike(title) ? title.text : '', kind: 'test', node };
    }
  }
  return undefined;
}

function memberName(n: ts.ClassElement, fallback = ''): string {
  const own = nameText(n.name) || fallback;
  const cls = n.parent;
  const clsName = ts.isClassLike(cls) ? nameText(cls.name) : '';
  return clsName ? `${clsName}.${own}` : own;
}

function isTestCall(call: ts.CallExpression): boolean {
  let callee: ts.Node = call.expression;
  while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && TEST_CALLS.has(callee.text);
}

function statementName(st: ts.Node): string {
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => nameText(d.name)).filter(Boolean).join(', ');
  if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) return st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : '';
  if ('name' in st) return nameText((st as { name?: ts.Node }).name);
  return '';
}

function statementKind(st: ts.Node): string {
  if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) return 'import';
  if (ts.isExportDeclaration(st)) return 'export';
  if (ts.isVariableStatement(st)) return 'variable';
  if (ts.isClassDeclaration(st)) return 'class';
  if (ts.isInterfaceDeclaration(st)) return 'interface';
  if (ts.isTypeAliasDeclaration(st)) return 'type';
  if (ts.isEnumDeclaration(st)) return 'enum';
  return 'statement';
}

/**
 * Lines per file and per function of godwit's own TypeScript (src/ and migrations-catalog/,
 * without the migrations' case fixtures), read with the TypeScript parser (no type checking).
 *
 * A function is any declaration, method, accessor, constructor, function expression or arrow
 * function with a body; its lines run from its first token (leading comments excluded) to its
 * last, nested functions included. Its name is the path of named scopes around it:
 * `createQueueSource.getRepo`, `SseHub.open`, `createHandler.(anonymous)`; a name that occurs
 * twice in one file gets `#2`, `#3`, … in source order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Sizes {
  /** Repository-relative POSIX path → lines. */
  files: Map<string, number>;
  /** `path:function name` → lines. */
  functions: Map<string, number>;
}

/** The folders measured, relative to the repository root. */
export const MEASURED = ['src', 'migrations-catalog'];

function isSkipped(rel: string): boolean {
  return rel.split('/').some((part) => part === 'cases' || part === 'node_modules');
}

function listTsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (isSkipped(rel)) continue;
    if (entry.isDirectory()) out.push(...listTsFiles(root, rel));
    else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

export function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function propertyName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** The name a function (or class) is known by in the source, when it has one. */
function ownName(node: ts.Node): string | undefined {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) return node.name?.text ?? 'default';
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) return propertyName(node.name);
  if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return propertyName(parent.name);
  return undefined;
}

function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node)) &&
    node.body !== undefined
  );
}

/** Function name → lines, for one file's text. */
export function measureFunctions(fileName: string, text: string): Map<string, number> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out = new Map<string, number>();
  const seen = new Map<string, number>();
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node, scope: string[]): void => {
    let inner = scope;
    if (isFunctionWithBody(node)) {
      inner = [...scope, ownName(node) ?? '(anonymous)'];
      const base = inner.join('.');
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      out.set(n === 1 ? base : `${base}#${n}`, lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1);
    } else if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      inner = [...scope, ownName(node) ?? '(class)'];
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, []);
  return out;
}

/** Measures every TypeScript file under MEASURED of `root`. */
export function measure(root: string): Sizes {
  const sizes: Sizes = { files: new Map(), functions: new Map() };
  for (const dir of MEASURED) {
    for (const rel of listTsFiles(root, dir).sort()) {
      const text = readFileSync(path.join(root, rel), 'utf8');
      sizes.files.set(rel, lineCount(text));
      for (const [name, lines] of measureFunctions(rel, text)) sizes.functions.set(`${rel}:${name}`, lines);
    }
  }
  return sizes;
}

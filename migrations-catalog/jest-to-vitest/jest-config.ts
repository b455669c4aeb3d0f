/**
 * Reads a Jest configuration without running it (repositories are untrusted): package.json's
 * "jest" key, jest.config.json, or the object literal of jest.config.{js,cjs,mjs,ts}.
 * Values that are not literals come back as `undefined` with their key listed in `dynamic`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, SyntaxKind, type Expression } from 'ts-morph';

export const JEST_CONFIG_FILES = ['jest.config.js', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.ts', 'jest.config.json'];

export interface JestConfig {
  /** Repository-relative file that held it, or 'package.json'. */
  source: string;
  values: Record<string, unknown>;
  /** Keys whose value is not a literal (function calls, variables…). */
  dynamic: string[];
}

function literal(node: Expression): { ok: true; value: unknown } | { ok: false } {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return { ok: true, value: node.getLiteralValue() };
  if (Node.isNumericLiteral(node)) return { ok: true, value: node.getLiteralValue() };
  if (node.getKind() === SyntaxKind.TrueKeyword) return { ok: true, value: true };
  if (node.getKind() === SyntaxKind.FalseKeyword) return { ok: true, value: false };
  if (Node.isArrayLiteralExpression(node)) {
    const out: unknown[] = [];
    for (const el of node.getElements()) {
      const v = literal(el);
      if (!v.ok) return v;
      out.push(v.value);
    }
    return { ok: true, value: out };
  }
  if (Node.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.getProperties()) {
      if (!Node.isPropertyAssignment(p)) return { ok: false };
      const v = literal(p.getInitializerOrThrow());
      if (!v.ok) return v;
      out[p.getNameNode().getText().replace(/^['"]|['"]$/g, '')] = v.value;
    }
    return { ok: true, value: out };
  }
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node)) return literal(node.getExpression());
  return { ok: false };
}

function objectOf(node: Expression | undefined, sfVars: Map<string, Expression>): Expression | undefined {
  if (!node) return undefined;
  if (Node.isIdentifier(node)) return objectOf(sfVars.get(node.getText()), sfVars);
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node)) return objectOf(node.getExpression(), sfVars);
  return Node.isObjectLiteralExpression(node) ? node : undefined;
}

function readScript(file: string, source: string): JestConfig | undefined {
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile('config.ts', readFileSync(file, 'utf8'));
  const vars = new Map<string, Expression>();
  for (const v of sf.getVariableDeclarations()) {
    const init = v.getInitializer();
    if (init) vars.set(v.getName(), init);
  }
  let obj: Expression | undefined;
  for (const stmt of sf.getStatements()) {
    if (Node.isExportAssignment(stmt)) obj = objectOf(stmt.getExpression(), vars);
    if (Node.isExpressionStatement(stmt)) {
      const e = stmt.getExpression();
      if (Node.isBinaryExpression(e) && e.getLeft().getText() === 'module.exports') obj = objectOf(e.getRight(), vars);
    }
  }
  if (!obj || !Node.isObjectLiteralExpression(obj)) return { source, values: {}, dynamic: ['(whole config)'] };
  const values: Record<string, unknown> = {};
  const dynamic: string[] = [];
  for (const p of obj.getProperties()) {
    if (!Node.isPropertyAssignment(p)) {
      dynamic.push(p.getText().slice(0, 30));
      continue;
    }
    const key = p.getNameNode().getText().replace(/^['"]|['"]$/g, '');
    const v = literal(p.getInitializerOrThrow());
    if (v.ok) values[key] = v.value;
    else dynamic.push(key);
  }
  return { source, values, dynamic };
}

export function readJestConfig(dir: string): JestConfig | undefined {
  for (const name of JEST_CONFIG_FILES) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    if (name.endsWith('.json')) return { source: name, values: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, dynamic: [] };
    return readScript(file, name);
  }
  const pkgFile = path.join(dir, 'package.json');
  if (existsSync(pkgFile)) {
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { jest?: Record<string, unknown> };
    if (pkg.jest && typeof pkg.jest === 'object') return { source: 'package.json', values: pkg.jest, dynamic: [] };
  }
  return undefined;
}

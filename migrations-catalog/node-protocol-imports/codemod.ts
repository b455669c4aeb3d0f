/**
 * Rewrites specifiers of Node.js built-in modules to `node:` form in: import / export … from,
 * `import x = require()`, require(), dynamic import(), `import('fs')` types, and the first
 * argument of vi.mock / jest.mock (and their relatives). `declare module 'fs'` is left alone,
 * as are non-built-ins and specifiers that already use `node:`. Quotes are kept. A test or
 * bundler config that aliases a rewritten built-in by its bare name is left for the agent
 * (config-aliases.ts).
 */
import { builtinModules } from 'node:module';
import { Node, SyntaxKind, type Project, type SourceFile } from 'ts-morph';
import type { CodemodContext } from '../../src/catalog/definition.js';
import { aliasedBuiltins } from './config-aliases.js';

// `_http_agent` and friends are internal; only the public names get the prefix.
const BUILTINS: ReadonlySet<string> = new Set(builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:')));

const MOCK_OBJECTS = new Set(['vi', 'jest']);
const MOCK_METHODS = new Set(['mock', 'doMock', 'unmock', 'doUnmock', 'requireActual', 'requireMock', 'importActual', 'importMock', 'createMockFromModule']);

export function isBuiltinSpecifier(specifier: string): boolean {
  return BUILTINS.has(specifier);
}

/** Replaces a string literal's value with `node:<value>` keeping its quote; the module name when changed. */
function rewriteLiteral(node: Node | undefined): string | undefined {
  if (!node || !(Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return undefined;
  const value = node.getLiteralValue();
  if (!isBuiltinSpecifier(value)) return undefined;
  const quote = node.getText().charAt(0);
  node.replaceWithText(`${quote}node:${value}${quote}`);
  return value;
}

function isMockCall(callee: Node): boolean {
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const object = callee.getExpression();
  return Node.isIdentifier(object) && MOCK_OBJECTS.has(object.getText()) && MOCK_METHODS.has(callee.getName());
}

/** Literals to rewrite in one file, collected before any edit (edits invalidate nodes). */
export function collectSpecifiers(file: SourceFile): Node[] {
  const found: Node[] = [];
  for (const decl of file.getImportDeclarations()) found.push(decl.getModuleSpecifier());
  for (const decl of file.getExportDeclarations()) {
    const spec = decl.getModuleSpecifier();
    if (spec) found.push(spec);
  }
  file.forEachDescendant((node) => {
    if (Node.isImportEqualsDeclaration(node)) {
      const ref = node.getModuleReference();
      if (Node.isExternalModuleReference(ref)) {
        const expr = ref.getExpression();
        if (expr) found.push(expr);
      }
    } else if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      const first = node.getArguments()[0];
      const isRequire = Node.isIdentifier(callee) && callee.getText() === 'require';
      const isDynamicImport = callee.getKind() === SyntaxKind.ImportKeyword;
      if (first && (isRequire || isDynamicImport || isMockCall(callee))) found.push(first);
    } else if (Node.isImportTypeNode(node)) {
      const arg = node.getArgument();
      if (Node.isLiteralTypeNode(arg)) found.push(arg.getLiteral());
    }
  });
  return found;
}

/** Rewrites one file; returns how many specifiers changed (and adds their modules to `modules`). */
export function migrateSourceFile(file: SourceFile, modules = new Set<string>()): number {
  let changed = 0;
  // Last to first, so that earlier positions stay valid while replacing.
  const specifiers = collectSpecifiers(file).sort((a, b) => b.getStart() - a.getStart());
  for (const node of specifiers) {
    const module = rewriteLiteral(node);
    if (module === undefined) continue;
    modules.add(module);
    changed++;
  }
  return changed;
}

export function nodeProtocolCodemod(project: Project, ctx: CodemodContext): void {
  let total = 0;
  let files = 0;
  const modules = new Set<string>();
  for (const file of project.getSourceFiles()) {
    if (file.isDeclarationFile() || file.getFilePath().includes('/node_modules/')) continue;
    const n = migrateSourceFile(file, modules);
    if (n > 0) {
      total += n;
      files++;
    }
  }
  ctx.log(`node-protocol-imports: rewrote ${total} specifier(s) in ${files} file(s)`);
  // A config that aliases a module the sources now load as node:<name> no longer applies to them.
  for (const alias of aliasedBuiltins(ctx.dir, isBuiltinSpecifier)) {
    if (modules.has(alias.module)) ctx.leave({ file: alias.file, line: alias.line, column: alias.column, reason: alias.reason });
  }
}

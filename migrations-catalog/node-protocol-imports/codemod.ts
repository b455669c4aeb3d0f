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
/** The `node:` form of a builtin specifier literal (same quotes), or undefined to keep it. */
function rewrittenLiteral(node: Node | undefined): { module: string; text: string } | undefined {
  if (!node || !(Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return undefined;
  const value = node.getLiteralValue();
  if (!isBuiltinSpecifier(value)) return undefined;
  const quote = node.getText().charAt(0);
  return { module: value, text: `${quote}node:${value}${quote}` };
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
  // Every literal is replaced in the text, then the file is replaced once: one reparse per file,
  // not one per specifier. Last to first, so that earlier positions stay valid.
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const seen = new Set<number>();
  for (const node of collectSpecifiers(file)) {
    if (seen.has(node.getStart())) continue;
    seen.add(node.getStart());
    const rewritten = rewrittenLiteral(node);
    if (rewritten === undefined) continue;
    modules.add(rewritten.module);
    edits.push({ start: node.getStart(), end: node.getEnd(), text: rewritten.text });
  }
  if (edits.length === 0) return 0;
  let text = file.getFullText();
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  file.replaceWithText(text);
  return edits.length;
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

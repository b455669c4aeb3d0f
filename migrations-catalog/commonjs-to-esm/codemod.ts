/**
 * commonjs-to-esm codemod (TypeScript sources): `import x = require()`, top-level
 * `const x = require()` (with destructuring and `.prop`), bare `require()`, and
 * `module.exports` / `exports.x` become ES import/export statements. Whatever it cannot
 * convert safely (require inside functions, dynamic specifiers, exports read back) stays for
 * the agent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Node, SyntaxKind, ts, type Project, type SourceFile, type Statement, type VariableDeclaration } from 'ts-morph';
import type { CodemodContext } from '../../src/catalog/definition.js';
import { lineColumnAt, type FileLeftover } from '../../src/catalog/leftovers.js';
import { convertComputedAccesses, type RequireBinding } from './computed-access.js';
import { fileKind, isSource, runsAsEsm, SOURCE_GLOB } from './file-kinds.js';
import { commonJsNodes, topLevelNames, type CommonJsNode } from './locate.js';

interface Interop {
  /** `import x from 'cjs'` is allowed (esModuleInterop / allowSyntheticDefaultImports). */
  defaultImports: boolean;
  /** Relative specifiers need an extension (module node16/nodenext). */
  jsExtensions: boolean;
  /**
   * The file is JavaScript that Node runs as an ES module (`.mjs`, `.js` of a `"type": "module"`
   * package): relative specifiers name the file (`./util.js`), a package's `module.exports` is
   * its default import, and a JSON file is imported `with { type: 'json' }`.
   */
  nodeEsm?: boolean;
}

export function readInterop(dir: string): Interop {
  const file = path.join(dir, 'tsconfig.json');
  if (!existsSync(file)) return { defaultImports: false, jsExtensions: false };
  const parsed = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  const opts = ((parsed.config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions ?? {}) as Record<
    string,
    unknown
  >;
  const mod = String(opts.module ?? '').toLowerCase();
  return {
    defaultImports: opts.esModuleInterop === true || opts.allowSyntheticDefaultImports === true,
    jsExtensions: mod === 'node16' || mod === 'nodenext',
  };
}

/** `require('x')` with one string literal → 'x'. */
function requiredModule(node: Node | undefined): string | undefined {
  if (!node || !Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  const args = node.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || args.length !== 1) return undefined;
  const arg = args[0];
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : undefined;
}

const isRelative = (spec: string): boolean => spec.startsWith('./') || spec.startsWith('../');

/** Does the local module `spec` (from `from`) end up with a default export? */
function localHasDefault(project: Project, from: SourceFile, spec: string): boolean {
  const base = path.resolve(path.dirname(from.getFilePath()), spec.replace(/\.js$/, ''));
  const exact = path.resolve(path.dirname(from.getFilePath()), spec);
  for (const candidate of [exact, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), `${base}.js`, `${base}.jsx`, `${base}.mjs`, path.join(base, 'index.js')]) {
    const sf = project.getSourceFile(candidate);
    if (!sf) continue;
    const text = sf.getFullText();
    return /\bexport\s+default\b/.test(text) || /\bmodule\.exports\s*=(?!\s*\{)/.test(text) || /\bexport\s*=/.test(text);
  }
  return false;
}

/** What Node resolves a relative `spec` of an ES module to: the file, with its extension. */
function nodeEsmSpecifier(project: Project, from: SourceFile, spec: string): string | undefined {
  if (!isRelative(spec) || /\.(?:[cm]?js|jsx|json)$/.test(spec)) return spec;
  const fs = project.getFileSystem();
  const dir = path.dirname(from.getFilePath());
  for (const suffix of ['.js', '.mjs', '.cjs', '.json', '/index.js', '/index.mjs', '/index.cjs', '/index.json']) {
    if (fs.fileExistsSync(path.resolve(dir, spec + suffix))) return spec + suffix;
  }
  return undefined; // not on disk: the agent decides
}

/** The specifier an import of `spec` uses in `sf`, or undefined when it cannot be told exactly. */
function specifier(project: Project, sf: SourceFile, spec: string, interop: Interop): string | undefined {
  if (interop.nodeEsm) return nodeEsmSpecifier(project, sf, spec);
  if (!interop.jsExtensions || !isRelative(spec) || /\.[cm]?js$/.test(spec)) return spec;
  return `${spec}.js`;
}

const JSON_ATTRIBUTES = " with { type: 'json' }";
const attributes = (target: string, interop: Interop): string => (interop.nodeEsm && target.endsWith('.json') ? JSON_ATTRIBUTES : '');

function defaultOrNamespace(project: Project, sf: SourceFile, name: string, spec: string, interop: Interop): string | undefined {
  const target = specifier(project, sf, spec, interop);
  if (target === undefined) return undefined;
  // Node: the default import of a CommonJS module (a package, a .cjs file) or of JSON is its module.exports.
  const nodeDefault = interop.nodeEsm && (!isRelative(target) || /\.(?:cjs|json)$/.test(target));
  const useDefault = nodeDefault || (isRelative(spec) ? localHasDefault(project, sf, target) : interop.defaultImports);
  return useDefault ? `import ${name} from '${target}'${attributes(target, interop)};` : `import * as ${name} from '${target}';`;
}

/** The import that replaces a top-level statement, or undefined when it is not a simple require. */
function importFor(project: Project, sf: SourceFile, stmt: Statement, interop: Interop): string | undefined {
  if (Node.isImportEqualsDeclaration(stmt) && !stmt.hasExportKeyword()) {
    const ref = stmt.getModuleReference();
    if (!Node.isExternalModuleReference(ref)) return undefined;
    const lit = ref.getExpression();
    if (!lit || !Node.isStringLiteral(lit)) return undefined;
    return defaultOrNamespace(project, sf, stmt.getName(), lit.getLiteralValue(), interop);
  }
  if (Node.isExpressionStatement(stmt)) {
    const spec = requiredModule(stmt.getExpression());
    const target = spec === undefined ? undefined : specifier(project, sf, spec, interop);
    return target === undefined ? undefined : `import '${target}'${attributes(target, interop)};`;
  }
  if (!Node.isVariableStatement(stmt) || stmt.hasExportKeyword()) return undefined;
  const decls = stmt.getDeclarations();
  if (decls.length > 1) {
    // const a = require('a'), b = require('b'): one import each, when every declarator is a plain require
    const parts = decls.map((d) => importForDeclaration(project, sf, d, interop));
    return parts.every((p) => p !== undefined) ? parts.join('\n') : undefined;
  }
  return decls[0] ? importForDeclaration(project, sf, decls[0], interop) : undefined;
}

function importForDeclaration(project: Project, sf: SourceFile, decl: VariableDeclaration, interop: Interop): string | undefined {
  const init = decl.getInitializer();
  const nameNode = decl.getNameNode();
  // const x = require('m').y
  if (init && Node.isPropertyAccessExpression(init) && Node.isIdentifier(nameNode)) {
    const spec = requiredModule(init.getExpression());
    const target = spec === undefined ? undefined : specifier(project, sf, spec, interop);
    // A JSON module (in Node) has a default export only.
    if (target === undefined || attributes(target, interop)) return undefined;
    const prop = init.getName();
    const local = nameNode.getText();
    const what = prop === 'default' ? `${local}` : `{ ${prop === local ? prop : `${prop} as ${local}`} }`;
    return `import ${what} from '${target}';`;
  }
  const spec = requiredModule(init);
  if (spec === undefined) return undefined;
  if (Node.isIdentifier(nameNode)) return defaultOrNamespace(project, sf, nameNode.getText(), spec, interop);
  if (Node.isObjectBindingPattern(nameNode)) {
    const target = specifier(project, sf, spec, interop);
    if (target === undefined || attributes(target, interop)) return undefined;
    const parts: string[] = [];
    for (const el of nameNode.getElements()) {
      if (el.getDotDotDotToken() || el.getInitializer()) return undefined;
      const local = el.getNameNode();
      if (!Node.isIdentifier(local)) return undefined;
      const prop = el.getPropertyNameNode()?.getText();
      parts.push(prop && prop !== local.getText() ? `${prop} as ${local.getText()}` : local.getText());
    }
    return `import { ${parts.join(', ')} } from '${target}';`;
  }
  return undefined;
}

/** `module.exports` / `exports` / `module.exports.x` / `exports.x` on the left of `=`. */
function exportTarget(left: Node): { whole: true } | { name: string } | undefined {
  const text = left.getText().replace(/\s+/g, '');
  if (text === 'module.exports') return { whole: true };
  const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(text);
  return m ? { name: m[1]! } : undefined;
}

function exportFor(stmt: Statement): string | undefined {
  if (!Node.isExpressionStatement(stmt)) return undefined;
  const expr = stmt.getExpression();
  if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
  const target = exportTarget(expr.getLeft());
  if (!target) return undefined;
  const right = expr.getRight();
  if ('whole' in target) {
    if (Node.isObjectLiteralExpression(right)) {
      const parts: string[] = [];
      for (const p of right.getProperties()) {
        if (Node.isShorthandPropertyAssignment(p)) parts.push(p.getName());
        else if (Node.isPropertyAssignment(p) && Node.isIdentifier(p.getInitializer() ?? p)) {
          const local = p.getInitializerOrThrow().getText();
          parts.push(local === p.getName() ? local : `${local} as ${p.getName()}`);
        } else return undefined; // inline values: the agent decides how to name them
      }
      return `export { ${parts.join(', ')} };`;
    }
    if (Node.isFunctionExpression(right) || Node.isClassExpression(right)) {
      return `export default ${right.getText()}`;
    }
    return `export default ${right.getText()};`;
  }
  if (Node.isIdentifier(right)) {
    return right.getText() === target.name ? `export { ${target.name} };` : `export { ${right.getText()} as ${target.name} };`;
  }
  return `export const ${target.name} = ${right.getText()};`;
}

/** `module.exports` or the export name an export statement assigns. */
function exportTargetText(stmt: Statement): string {
  const expr = Node.isExpressionStatement(stmt) ? stmt.getExpression() : undefined;
  if (!expr || !Node.isBinaryExpression(expr)) return '';
  const t = exportTarget(expr.getLeft());
  return t && 'name' in t ? t.name : 'module.exports';
}

/**
 * Reads of `exports.x`/`module` anywhere but the left side of the converted assignments (also
 * inside their right side, e.g. `exports.b = () => exports.a()`) would break once `exports`
 * is gone; such a file keeps its exports for the agent.
 */
function readsExportsObject(sf: SourceFile, converted: Set<Statement>): boolean {
  const targets = new Set<Node>();
  for (const stmt of converted) {
    const expr = Node.isExpressionStatement(stmt) ? stmt.getExpression() : undefined;
    if (expr && Node.isBinaryExpression(expr)) expr.getLeft().getDescendantsOfKind(SyntaxKind.Identifier).forEach((id) => targets.add(id));
  }
  return sf
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .some((id) => (id.getText() === 'exports' || id.getText() === 'module') && !targets.has(id) && !isLocalBinding(id, sf));
}

/**
 * A parameter or variable of this file named `module`/`exports` (e.g. `function f(module: M)`),
 * not CommonJS's: a declaration of that name whose scope holds `id`. Decided from the syntax
 * alone: asking the type checker loads the lib files, seconds per file.
 */
function isLocalBinding(id: Node, sf: SourceFile): boolean {
  const name = id.getText();
  return sf.getDescendants().some((d) => {
    if (!(Node.isParameterDeclaration(d) || Node.isVariableDeclaration(d) || Node.isBindingElement(d))) return false;
    const declared = d.getNameNode();
    if (!Node.isIdentifier(declared) || declared.getText() !== name) return false;
    const scope = Node.isParameterDeclaration(d) ? d.getParent() : d.getParentWhile((p) => !Node.isBlock(p) && !Node.isSourceFile(p) && !Node.isForStatement(p) && !Node.isForOfStatement(p) && !Node.isForInStatement(p) && !Node.isCatchClause(p))?.getParent();
    return scope !== undefined && id.getAncestors().includes(scope);
  });
}

/**
 * The bindings of the top-level `const … = require()` statements the codemod converts: `any`
 * until now, typed by their import afterwards.
 */
function requireBindings(project: Project, sf: SourceFile, interop: Interop): RequireBinding[] {
  const out: RequireBinding[] = [];
  for (const stmt of sf.getStatements()) {
    if (!Node.isVariableStatement(stmt) || importFor(project, sf, stmt, interop) === undefined) continue;
    for (const decl of stmt.getDeclarations()) {
      const init = decl.getInitializer();
      const spec = requiredModule(init) ?? (init && Node.isPropertyAccessExpression(init) ? requiredModule(init.getExpression()) : undefined);
      const nameNode = decl.getNameNode();
      if (spec === undefined) continue;
      if (Node.isIdentifier(nameNode)) {
        const namespace = requiredModule(init) !== undefined && defaultOrNamespace(project, sf, nameNode.getText(), spec, interop)?.startsWith('import * as') === true;
        out.push({ name: nameNode.getText(), declaration: decl, namespace, spec });
      } else if (Node.isObjectBindingPattern(nameNode)) {
        for (const el of nameNode.getElements()) out.push({ name: el.getName(), declaration: el, namespace: false, spec });
      }
    }
  }
  return out;
}

/**
 * Converts one file the migration converts (file-kinds.ts). `esm`: the file runs as an ES
 * module (`runsAsEsm`), so `__dirname`/`__filename` must be defined by the module itself.
 */
export function convertFile(project: Project, sf: SourceFile, interop: Interop, esm = false): { count: number; casts: number; leftovers: FileLeftover[] } {
  const leftovers: Array<{ text: string; reason: string }> = [];
  // `const require = createRequire(import.meta.url)`: its calls are ES module code, not CommonJS.
  const localRequire = topLevelNames(sf).has('require');
  // Before the requires become imports: computed-key accesses of their bindings (computed-access.ts).
  const computed = convertComputedAccesses(project, sf, localRequire ? [] : requireBindings(project, sf, interop));
  leftovers.push(...computed.leftovers);
  const replacements: Array<[Statement, string]> = [];
  const exportsStatements = new Set<Statement>();
  for (const stmt of sf.getStatements()) {
    const imp = localRequire ? undefined : importFor(project, sf, stmt, interop);
    if (imp) {
      replacements.push([stmt, imp]);
      continue;
    }
    const exp = exportFor(stmt);
    if (exp) {
      replacements.push([stmt, exp]);
      exportsStatements.add(stmt);
    }
  }
  // Export rewrites only when nothing else touches module/exports (e.g. `exports.a()` reads),
  // and when the file assigns module.exports / each exports.x once (two `export default` are TS2528).
  const targets = [...exportsStatements].map((st) => exportTargetText(st));
  const assignedTwice = new Set(targets).size !== targets.length;
  const keepExports = exportsStatements.size > 0 && (assignedTwice || readsExportsObject(sf, exportsStatements));
  if (keepExports) {
    for (const st of exportsStatements) leftovers.push({ text: st.getText(), reason: assignedTwice ? 'module.exports / exports.x is assigned more than once: which value is exported depends on run time' : 'the file reads module.exports / exports back' });
  }
  let count = 0;
  for (const [stmt, text] of replacements.reverse()) {
    if (keepExports && exportsStatements.has(stmt)) continue;
    // replaceWithText takes a statement's JSDoc with it; it stays above the new statement.
    const docs = Node.isJSDocable(stmt) ? stmt.getJsDocs().map((d) => d.getText()) : [];
    stmt.replaceWithText([...docs, text].join('\n'));
    count++;
  }
  if (esm && defineDirname(sf)) count++;
  // Each leftover is found in the new text after the previous one of the same text (they are
  // listed in document order per kind).
  const out = sf.getFullText();
  const from = new Map<string, number>();
  const placed = leftovers.map((l) => {
    const at = out.indexOf(l.text, from.get(l.text) ?? 0);
    if (at >= 0) from.set(l.text, at + l.text.length);
    return { ...lineColumnAt(out, Math.max(at, 0)), reason: l.reason };
  });
  // Every CommonJS construct still in the file goes to the agent, with why it was left.
  const seen = new Set(placed.map((l) => `${l.line}:${l.column}`));
  for (const { node, kind } of commonJsNodes(sf, esm)) {
    const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
    if (seen.has(`${line}:${column}`)) continue;
    seen.add(`${line}:${column}`);
    placed.push({ line, column, reason: whyLeft(node, kind, interop) });
  }
  placed.sort((a, b) => a.line - b.line || a.column - b.column);
  return { count, casts: computed.casts, leftovers: placed };
}

/** Why a CommonJS construct the conversion did not touch is left (for the agent and the report). */
function whyLeft(node: Node, kind: CommonJsNode['kind'], interop: Interop): string {
  if (kind === 'import-equals') return '`export import x = require()` has no single ES module equivalent: export the import under its name';
  if (Node.isIdentifier(node)) {
    return `${node.getText()} is not defined in an ES module: use fileURLToPath(import.meta.url) / dirname() from node:url / node:path (this file already declares one of those names)`;
  }
  if (Node.isPropertyAccessExpression(node)) {
    return `${node.getText()} does not exist in an ES module: use import.meta.resolve() for require.resolve (Node ≥ 20.6), else createRequire(import.meta.url) from node:module`;
  }
  if (kind === 'require' && Node.isCallExpression(node)) {
    const arg = node.getArguments()[0];
    if (!arg || !Node.isStringLiteral(arg)) return 'require() of a computed specifier: use await import() (its function becomes async) or a static import of each possible module';
    const inFunction = node.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a)) !== undefined;
    if (inFunction) return 'require() inside a function runs when the function is called: use a static import (when loading it up front is fine) or await import() (the function becomes async)';
    if (interop.nodeEsm && isRelative(arg.getLiteralValue())) return `'${arg.getLiteralValue()}' is not a file on disk with a known extension: an ES module import must name the file (./x.js)`;
    if (interop.nodeEsm && /\.json$/.test(arg.getLiteralValue())) return "a JSON module has only a default export: import it `with { type: 'json' }` and read the property from it";
    return 'require() inside an expression or a declaration the codemod cannot split: hoist it to an import declaration (it then runs before the module body)';
  }
  return 'module.exports / exports.x assigned outside a top-level statement (in a function, a condition or an expression): export the value from the top level';
}

/**
 * In a file that runs as an ES module, `__dirname`/`__filename` become module constants
 * computed from `import.meta.url` (the same values, on every Node version with ES modules).
 * Not when the file already declares one of the names used.
 */
function defineDirname(sf: SourceFile): boolean {
  const declared = topLevelNames(sf);
  const uses = new Set(commonJsNodes(sf, true).flatMap(({ node }) => (Node.isIdentifier(node) ? [node.getText()] : [])));
  if (uses.size === 0) return false;
  const dir = uses.has('__dirname');
  if (declared.has('fileURLToPath') || (dir && declared.has('dirname'))) return false;
  const imports = ["import { fileURLToPath } from 'node:url';", ...(dir ? ["import { dirname } from 'node:path';"] : [])];
  const consts = dir
    ? [...(uses.has('__filename') ? ['const __filename = fileURLToPath(import.meta.url);', 'const __dirname = dirname(__filename);'] : ['const __dirname = dirname(fileURLToPath(import.meta.url));'])]
    : ['const __filename = fileURLToPath(import.meta.url);'];
  const statements = sf.getStatements();
  let at = 0;
  statements.forEach((st, i) => {
    if (Node.isImportDeclaration(st)) at = i + 1;
  });
  sf.insertStatements(at, [...imports, '', ...consts].join('\n'));
  return true;
}

export function hasCommonJs(text: string): boolean {
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[A-Za-z_$]|\bimport\s+\w+\s*=\s*require\b/.test(text);
}

export default function commonjsToEsm(project: Project, ctx: CodemodContext): void {
  const interop = readInterop(ctx.dir);
  // A tsconfig may include only part of the sources (e.g. src/); the migration covers all of them.
  const root = ctx.dir.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${root}/${SOURCE_GLOB}`, `!${root}/**/node_modules/**`, `!${root}/**/*.d.{ts,mts,cts}`]);
  // localHasDefault reads exporters' text, which knows both `module.exports =` and `export default`,
  // so the order in which files are converted does not matter.
  const files = project.getSourceFiles().filter((sf) => isSource(sf.getFilePath()) && /\b(?:require|exports|__dirname|__filename)\b/.test(sf.getFullText()));
  for (const sf of files) {
    const rel = path.relative(ctx.dir, sf.getFilePath()).split(path.sep).join('/');
    const kind = fileKind(project, sf.getFilePath());
    const esm = runsAsEsm(project, sf);
    if (!kind.convert) continue; // CommonJS by choice (.cjs/.cts, a CommonJS package's .js): right as it is
    const nodeEsm = /\.(?:m?js|jsx)$/.test(sf.getFilePath()) && esm;
    const { count: n, casts, leftovers } = convertFile(project, sf, nodeEsm ? { ...interop, nodeEsm } : interop, esm);
    for (const l of leftovers) ctx.leave({ file: rel, ...l });
    if (n) ctx.log(`${rel}: ${n} statement(s) converted${casts ? `, ${casts} computed key(s) typed as keyof the import` : ''}`);
  }
}

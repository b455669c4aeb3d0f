/**
 * Rewrites one test file from Jest to Vitest: `jest.*` → `vi.*` (member table in jest-api.ts),
 * `requireActual`/`requireMock` → `await vi.importActual/importMock` (the enclosing factory
 * becomes async), `require()` inside mock factories → `await import()`, factories of a module
 * whose default export the file imports wrapped in `{ default }`, `jest.X` types → vitest types,
 * `xit`/`fit`-style aliases (also `fit.each`), `.failing` → `.fails`, `@jest/globals` and
 * jest-dom imports, and an explicit `import { … } from 'vitest'` placed at the top (below a
 * license header or environment docblock). What has no exact equivalent is left unchanged and
 * reported as a leftover site. Edits are computed on the AST and applied as text.
 */
import path from 'node:path';
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { leftoversAfterEdits, type FileLeftover, type PendingLeftover, type TextEdit as Edit } from '../../src/catalog/leftovers.js';
import { LEFT_FOR_AGENT, RENAMED_ON_VI, REWRITTEN, SAME_ON_VI } from './jest-api.js';

const GLOBALS = ['afterAll', 'afterEach', 'beforeAll', 'beforeEach', 'describe', 'expect', 'it', 'test'];
const ALIASES: Record<string, [string, string]> = {
  xit: ['it', 'skip'],
  xtest: ['test', 'skip'],
  xdescribe: ['describe', 'skip'],
  fit: ['it', 'only'],
  fdescribe: ['describe', 'only'],
};
/** jest.X type → vitest type (generic arguments handled separately). */
const TYPES: Record<string, string> = {
  Mock: 'Mock',
  Mocked: 'Mocked',
  MockedFunction: 'MockedFunction',
  MockedClass: 'MockedClass',
  MockedObject: 'MockedObject',
  SpyInstance: 'MockInstance',
  MockInstance: 'MockInstance',
};
const MOCK_CALL = /^(jest|vi)\.(mock|doMock)$/;
const TEST_CHAIN = /^(it|test|xit|xtest|fit)(\.(only|skip|concurrent))*$/;

export interface RewriteOptions {
  /**
   * The project compiles a top-level `await` (tsconfig module es2022/esnext/…, not CommonJS).
   * When false, a top-level `jest.requireActual` is not turned into `await vi.importActual`:
   * a manual mock's own module becomes a static import, anything else is left for the agent.
   */
  topLevelAwait: boolean;
}

export interface RewriteResult {
  changed: boolean;
  /** Constructs left for the agent, positioned in the rewritten text. */
  leftovers: FileLeftover[];
}

function localNames(sf: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const imp of sf.getImportDeclarations()) {
    const spec = imp.getModuleSpecifierValue();
    if (spec === '@jest/globals' || spec === 'vitest') continue;
    imp.getNamedImports().forEach((n) => names.add(n.getAliasNode()?.getText() ?? n.getName()));
    const def = imp.getDefaultImport();
    if (def) names.add(def.getText());
  }
  sf.getFunctions().forEach((f) => f.getName() && names.add(f.getName()!));
  sf.getVariableDeclarations().forEach((v) => names.add(v.getName()));
  return names;
}

/** Is this identifier a reference (not a property name, declaration name, or import specifier)? */
function isReference(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
  if (Node.isQualifiedName(parent) && parent.getRight() === id) return false;
  if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
  if (Node.isImportSpecifier(parent) || Node.isImportClause(parent)) return false;
  if ((Node.isVariableDeclaration(parent) || Node.isParameterDeclaration(parent) || Node.isFunctionDeclaration(parent)) && parent.getNameNode() === id)
    return false;
  return true;
}

/** `Mock<R, A>` (jest) → `Mock<(...args: A) => R>` (vitest). */
function convertTypeArgs(args: string[]): string {
  if (args.length === 0) return '';
  const ret = args[0];
  const params = args[1] ?? 'any[]';
  return `<(...args: ${params}) => ${ret}>`;
}

/** A CommonJS module (assigns module.exports / exports.x, no ES import/export): `vi` cannot be imported into it. */
export function isCommonJsModule(sf: SourceFile): boolean {
  if (sf.getImportDeclarations().length || sf.getExportDeclarations().length || sf.getExportAssignments().length) return false;
  return /\bmodule\.exports\b|(^|[^.\w$])exports\.[A-Za-z_$][\w$]*\s*=/m.test(sf.getFullText());
}

/** Where the vitest import goes: the top, below a shebang, a license header or an environment docblock. */
function importPosition(text: string): number {
  let pos = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  for (;;) {
    const rest = text.slice(pos);
    const ws = /^\s*/.exec(rest)![0].length;
    const m = /^\/\*[\s\S]*?\*\//.exec(rest.slice(ws));
    if (!m || !/@license|@preserve|copyright|^\/\*!|@(jest|vitest)-environment/i.test(m[0])) return pos;
    pos += ws + m[0].length;
    pos += /^[ \t]*\r?\n?/.exec(text.slice(pos))![0].length;
    // blank lines after a header stay between it and the import
    pos += /^(\s*\r?\n)*/.exec(text.slice(pos))![0].length;
  }
}

/** The function passed as a mock factory (`jest.mock(path, factory)`), if any. */
function mockFactory(call: CallExpression): Node | undefined {
  const f = call.getArguments()[1];
  return f && (Node.isArrowFunction(f) || Node.isFunctionExpression(f)) ? f : undefined;
}

/** Does this import of the mocked path bring in its default export, and named ones? */
function importsOf(sf: SourceFile, spec: string): { defaultImport: boolean; named: boolean } {
  let defaultImport = false;
  let named = false;
  for (const imp of sf.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== spec || imp.isTypeOnly()) continue;
    if (imp.getDefaultImport()) defaultImport = true;
    if (imp.getNamedImports().some((n) => !n.isTypeOnly()) || imp.getNamespaceImport()) named = true;
  }
  return { defaultImport, named };
}

/** Returns of a factory body (not of nested functions). */
function factoryResults(factory: Node): Node[] {
  if (Node.isArrowFunction(factory) && !Node.isBlock(factory.getBody())) return [factory.getBody()];
  const body = (factory as Node & { getBody(): Node }).getBody();
  const out: Node[] = [];
  body.forEachDescendant((n, t) => {
    if (Node.isFunctionLikeDeclaration(n) || Node.isArrowFunction(n) || Node.isFunctionExpression(n)) t.skip();
    else if (Node.isReturnStatement(n)) {
      const e = n.getExpression();
      if (e) out.push(e);
    }
  });
  return out;
}

/** An object literal that already describes an ES module (`default` key or the `__esModule` marker). */
function describesEsModule(node: Node): boolean {
  let n = node;
  while (Node.isParenthesizedExpression(n)) n = n.getExpression();
  if (!Node.isObjectLiteralExpression(n)) return false;
  return n.getProperties().some((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) || Node.isMethodDeclaration(p)) && ['default', '__esModule'].includes(p.getName()));
}

/**
 * A manual mock's own module: `__mocks__/clock.ts` mocks `../clock`, a root `__mocks__/lodash.ts`
 * mocks `lodash`. Inside the mock, Vitest resolves an import of that module to the real one.
 */
function mocksModule(filePath: string, spec: string): boolean {
  const parts = filePath.split('/');
  const at = parts.lastIndexOf('__mocks__');
  if (at === -1) return false;
  const stem = (p: string): string => p.replace(/\.(?:[cm]?[jt]sx?)$/, '');
  if (spec.startsWith('.')) {
    const mocked = [...parts.slice(0, at), ...parts.slice(at + 1)].join('/');
    return stem(path.posix.resolve(path.posix.dirname(filePath), spec)) === stem(mocked);
  }
  return stem(parts.slice(at + 1).join('/')) === stem(spec);
}

/** `const actual = jest.requireActual(spec)` as a whole top-level statement: its name, when it is one. */
function topLevelBinding(call: CallExpression): { statement: Node; name: string } | undefined {
  const decl = call.getParent();
  if (!decl || !Node.isVariableDeclaration(decl) || decl.getInitializer() !== call || !Node.isIdentifier(decl.getNameNode())) return undefined;
  const statement = decl.getVariableStatement();
  if (!statement || !Node.isSourceFile(statement.getParent()) || statement.getDeclarations().length !== 1) return undefined;
  return { statement, name: decl.getName() };
}

export function rewriteTestFile(sf: SourceFile, options: RewriteOptions = { topLevelAwait: true }): RewriteResult {
  const text = sf.getFullText();
  const edits: Edit[] = [];
  const leftovers: PendingLeftover[] = [];
  const values = new Set<string>();
  const types = new Set<string>();
  const locals = localNames(sf);
  const asyncAdded = new Set<Node>();

  if (isCommonJsModule(sf)) {
    // `vi` can only be imported into an ES module; the file stays as it is for the agent.
    for (const id of sf.getDescendantsOfKind(SyntaxKind.Identifier)) {
      const p = id.getParent();
      if (id.getText() === 'jest' && Node.isPropertyAccessExpression(p) && p.getExpression() === id) {
        leftovers.push({ pos: id.getStart(), reason: `jest.${p.getName()} in a CommonJS module: vitest's vi must be imported (convert the file to an ES module)` });
      }
    }
    return { changed: false, leftovers: leftoversAfterEdits(leftovers, [], text) };
  }

  const makeAsync = (node: Node): void => {
    const fn = node.getFirstAncestor((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isFunctionDeclaration(a));
    if (!fn || asyncAdded.has(fn)) return;
    if ((Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn)) && !fn.isAsync()) {
      edits.push({ start: fn.getStart(), end: fn.getStart(), text: 'async ' });
    }
    asyncAdded.add(fn);
  };
  /** `call` → `await <replacement>`, parenthesized unless it stands alone. */
  const awaitCall = (call: Node, replacement: string): void => {
    const outer = call.getParent();
    const bare = outer && (Node.isVariableDeclaration(outer) || Node.isReturnStatement(outer) || Node.isAwaitExpression(outer) || Node.isExpressionStatement(outer));
    edits.push({ start: call.getStart(), end: call.getEnd(), text: bare ? `await ${replacement}` : `(await ${replacement})` });
    makeAsync(call);
  };

  // @jest/globals imports go away (their names come back from vitest); jest-dom gets its vitest entry.
  for (const imp of sf.getImportDeclarations()) {
    const spec = imp.getModuleSpecifierValue();
    if (spec === '@jest/globals') {
      imp.getNamedImports().forEach((n) => (n.getName() === 'jest' ? values.add('vi') : GLOBALS.includes(n.getName()) && values.add(n.getName())));
      edits.push({ start: imp.getStart(), end: imp.getEnd() + (text[imp.getEnd()] === '\n' ? 1 : 0), text: '' });
    } else if (spec === '@testing-library/jest-dom' || spec === '@testing-library/jest-dom/extend-expect') {
      const lit = imp.getModuleSpecifier();
      edits.push({ start: lit.getStart(), end: lit.getEnd(), text: `'@testing-library/jest-dom/vitest'` });
    }
  }

  for (const id of sf.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const name = id.getText();
    const parent = id.getParent();
    if (!isReference(id) || locals.has(name)) continue;
    if (name === 'jest') {
      if (Node.isQualifiedName(parent)) {
        // a type: jest.Mock<R, A>
        const member = parent.getRight().getText();
        const mapped = Object.hasOwn(TYPES, member) ? TYPES[member] : undefined;
        const ref = parent.getParent();
        if (!mapped || !ref || !Node.isTypeReference(ref)) {
          leftovers.push({ pos: id.getStart(), reason: `type jest.${member} has no vitest equivalent the codemod knows` });
          continue;
        }
        types.add(mapped);
        const args = ref.getTypeArguments().map((a) => a.getText());
        const keepArgs = member === 'Mocked' || member === 'MockedClass' || member === 'MockedFunction' || member === 'MockedObject';
        const typeText = keepArgs ? (args.length ? `<${args.join(', ')}>` : '') : convertTypeArgs(args);
        edits.push({ start: ref.getStart(), end: ref.getEnd(), text: `${mapped}${typeText}` });
        continue;
      }
      if (!Node.isPropertyAccessExpression(parent) || parent.getExpression() !== id) {
        edits.push({ start: id.getStart(), end: id.getEnd(), text: 'vi' });
        values.add('vi');
        continue;
      }
      const member = parent.getName();
      const call = parent.getParent();
      const isCall = call !== undefined && Node.isCallExpression(call) && call.getExpression() === parent;
      if (Object.hasOwn(LEFT_FOR_AGENT, member)) {
        leftovers.push({ pos: id.getStart(), reason: LEFT_FOR_AGENT[member]! });
        continue;
      }
      if (!SAME_ON_VI.has(member) && !REWRITTEN.has(member) && !Object.hasOwn(RENAMED_ON_VI, member)) {
        leftovers.push({ pos: id.getStart(), reason: `jest.${member} is not a Jest API the codemod knows` });
        continue;
      }
      if ((member === 'mock' || member === 'doMock') && isCall && call.getArguments().length > 2) {
        leftovers.push({ pos: id.getStart(), reason: `jest.${member} with options (\`{ virtual: true }\`): vitest's vi.mock takes none` });
        continue;
      }
      if (member === 'useFakeTimers' && isCall) {
        const args = call.getArguments();
        const modern = args.length === 1 && /^['"`]modern['"`]$/.test(args[0]!.getText());
        if (args.length > 0 && !modern) {
          leftovers.push({ pos: id.getStart(), reason: 'jest.useFakeTimers with legacy timers or Jest options (vitest takes @sinonjs/fake-timers options: toFake, now, shouldAdvanceTime, …)' });
          continue;
        }
        values.add('vi');
        edits.push({ start: call.getStart(), end: call.getEnd(), text: 'vi.useFakeTimers()' });
        continue;
      }
      const topLevel = isCall && !call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a));
      if ((member === 'requireActual' || member === 'requireMock') && topLevel && !options.topLevelAwait) {
        // vi.importActual is async, and this project's module kind has no top-level await.
        const spec = call.getArguments().length === 1 ? call.getArguments()[0] : undefined;
        const literal = spec && Node.isStringLiteral(spec) ? spec : undefined;
        const binding = member === 'requireActual' && literal && mocksModule(sf.getFilePath(), literal.getLiteralValue()) ? topLevelBinding(call) : undefined;
        if (binding && literal) {
          edits.push({ start: binding.statement.getStart(), end: binding.statement.getEnd(), text: `import * as ${binding.name} from ${literal.getText()};` });
        } else {
          leftovers.push({ pos: id.getStart(), reason: `top-level jest.${member}: vi.${member === 'requireActual' ? 'importActual' : 'importMock'} is async and this project's module kind allows no top-level await` });
        }
        continue;
      }
      values.add('vi');
      if ((member === 'requireActual' || member === 'requireMock') && isCall) {
        const rest = text.slice(parent.getEnd(), call.getEnd());
        awaitCall(call, `vi.${member === 'requireActual' ? 'importActual' : 'importMock'}${rest}`);
        continue;
      }
      if (member === 'setTimeout' && isCall) {
        const arg = call.getArguments()[0]?.getText() ?? '5000';
        edits.push({ start: call.getStart(), end: call.getEnd(), text: `vi.setConfig({ testTimeout: ${arg} })` });
        continue;
      }
      const renamed = Object.hasOwn(RENAMED_ON_VI, member) ? RENAMED_ON_VI[member] : undefined;
      edits.push({ start: id.getStart(), end: renamed ? parent.getEnd() : id.getEnd(), text: renamed ? `vi.${renamed}` : 'vi' });
      continue;
    }
    const alias = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
    const calledOrChained = parent && ((Node.isCallExpression(parent) && parent.getExpression() === id) || (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id));
    if (alias && calledOrChained) {
      edits.push({ start: id.getStart(), end: id.getEnd(), text: `${alias[0]}.${alias[1]}` });
      values.add(alias[0]);
      continue;
    }
    if (GLOBALS.includes(name) && calledOrChained) values.add(name);
  }

  // it.failing / test.failing (also chained: test.only.failing, test.failing.each) → .fails
  for (const pa of sf.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (pa.getName() !== 'failing' || !TEST_CHAIN.test(pa.getExpression().getText())) continue;
    const n = pa.getNameNode();
    edits.push({ start: n.getStart(), end: n.getEnd(), text: 'fails' });
  }

  // Jest's `%p` (pretty-format) in .each titles has no vitest placeholder: the test names would change.
  for (const pa of sf.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (pa.getName() !== 'each' || !/^(it|test|describe|xit|fit|xtest|xdescribe|fdescribe)\b/.test(pa.getText())) continue;
    const outer = pa.getParent()?.getParent();
    const title = outer && Node.isCallExpression(outer) ? outer.getArguments()[0] : undefined;
    if (title && /%p/.test(title.getText())) leftovers.push({ pos: title.getStart(), reason: "Jest's %p placeholder has no vitest equivalent (%o/%s print differently, so test names would change)" });
  }

  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!MOCK_CALL.test(call.getExpression().getText())) continue;
    const factory = mockFactory(call);
    const specArg = call.getArguments()[0];
    if (!factory || !specArg || !Node.isStringLiteral(specArg) || call.getArguments().length > 2) continue;
    // require() inside a factory: vitest test files are ES modules.
    for (const req of factory.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = req.getExpression();
      const arg = req.getArguments()[0];
      if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || req.getArguments().length !== 1 || !arg || !Node.isStringLiteral(arg)) continue;
      awaitCall(req, `import(${arg.getText()})`);
      // makeAsync above targets the innermost function; the factory itself must be that function
      if (req.getFirstAncestor((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a)) !== factory) {
        leftovers.push({ pos: req.getStart(), reason: 'require() in a function nested inside a mock factory' });
      }
    }
    // Jest's interop gives the whole factory result to a default import; vitest reads `default`.
    const { defaultImport, named } = importsOf(sf, specArg.getLiteralValue());
    if (!defaultImport) continue;
    const results = factoryResults(factory);
    if (results.every(describesEsModule)) continue;
    if (named || results.length !== 1) {
      leftovers.push({ pos: factory.getStart(), reason: "mock factory of a module whose default export is imported: vitest needs `{ default: … }` (Jest's interop passed the whole object)" });
      continue;
    }
    const r = results[0]!;
    const paren = Node.isArrowFunction(factory) && factory.getBody() === r && !Node.isParenthesizedExpression(r);
    edits.push({ start: r.getStart(), end: r.getStart(), text: paren ? '({ default: ' : '{ default: ' }, { start: r.getEnd(), end: r.getEnd(), text: paren ? ' })' : ' }' });
  }

  // `__esModule: true` inside a vi.mock factory is Jest's interop marker; vitest needs `default` only.
  for (const prop of sf.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    if (prop.getName() !== '__esModule') continue;
    const inMock = prop.getFirstAncestor((a) => Node.isCallExpression(a) && /^(jest|vi)\.mock$/.test(a.getExpression().getText()));
    if (!inMock) continue;
    let end = prop.getEnd();
    while (/[\s,]/.test(text[end] ?? '') && end < text.length) {
      if (text[end] === ',') {
        end++;
        break;
      }
      end++;
    }
    while (text[end] === ' ' || text[end] === '\n') end++;
    edits.push({ start: prop.getStart(), end, text: '' });
  }

  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression().getText();
    if (!/^(it|test|beforeEach|afterEach|beforeAll|afterAll)(\.only|\.skip)?$/.test(callee)) continue;
    const cb = call.getArguments().find((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a));
    if (cb && (Node.isArrowFunction(cb) || Node.isFunctionExpression(cb)) && cb.getParameters().length > 0 && !cb.isAsync()) {
      leftovers.push({ pos: call.getStart(), reason: 'a test or hook with a done callback (vitest has none: return a promise)' });
    }
  }

  if (values.size === 0 && types.size === 0 && edits.length === 0) return { changed: false, leftovers: leftoversAfterEdits(leftovers, [], text) };

  // One import from vitest, merged with an existing one.
  const existing = sf.getImportDeclarations().find((i) => i.getModuleSpecifierValue() === 'vitest');
  if (existing) {
    existing.getNamedImports().forEach((n) => (n.isTypeOnly() ? types.add(n.getName()) : values.add(n.getName())));
    edits.push({ start: existing.getStart(), end: existing.getEnd() + (text[existing.getEnd()] === '\n' ? 1 : 0), text: '' });
  }
  const names = [...[...values].sort(), ...[...types].sort().map((t) => `type ${t}`)];
  const at = importPosition(text);
  if (names.length) edits.push({ start: at, end: at, text: `import { ${names.join(', ')} } from 'vitest';\n` });

  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (out !== text) sf.replaceWithText(out);
  return { changed: out !== text, leftovers: leftoversAfterEdits(leftovers, edits, out) };
}

/**
 * Rewrites one test file from Jest to Vitest: `jest.*` → `vi.*`, `requireActual` →
 * `await importActual` (the enclosing factory becomes async), `jest.X` types → vitest types,
 * `xit`/`fit`-style aliases, `@jest/globals` and jest-dom imports, and an explicit
 * `import { … } from 'vitest'` for the globals the file uses. Edits are computed on the AST
 * and applied as text, so untouched code keeps its formatting.
 */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { leftoversAfterEdits, type FileLeftover, type PendingLeftover, type TextEdit as Edit } from '../../src/catalog/leftovers.js';

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
/** `jest.<name>` members the codemod leaves to the agent (no 1:1 vitest equivalent). */
export const UNSUPPORTED = new Set(['genMockFromModule', 'createMockFromModule', 'isolateModules', 'retryTimes', 'requireMock']);

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

export function rewriteTestFile(sf: SourceFile): RewriteResult {
  const text = sf.getFullText();
  const edits: Edit[] = [];
  const leftovers: PendingLeftover[] = [];
  const values = new Set<string>();
  const types = new Set<string>();
  const locals = localNames(sf);
  const asyncAdded = new Set<Node>();

  const makeAsync = (node: Node): void => {
    const fn = node.getFirstAncestor((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isFunctionDeclaration(a));
    if (!fn || asyncAdded.has(fn)) return;
    if ((Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn)) && !fn.isAsync()) {
      edits.push({ start: fn.getStart(), end: fn.getStart(), text: 'async ' });
    }
    asyncAdded.add(fn);
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
      values.add('vi');
      if (member === 'requireActual' && call && Node.isCallExpression(call)) {
        const outer = call.getParent();
        const bare = outer && (Node.isVariableDeclaration(outer) || Node.isReturnStatement(outer) || Node.isAwaitExpression(outer));
        const rest = text.slice(parent.getEnd(), call.getEnd());
        const replacement = `await vi.importActual${rest}`;
        edits.push({ start: call.getStart(), end: call.getEnd(), text: bare ? replacement : `(${replacement})` });
        makeAsync(call);
        continue;
      }
      if (member === 'setTimeout' && call && Node.isCallExpression(call)) {
        const arg = call.getArguments()[0]?.getText() ?? '5000';
        edits.push({ start: call.getStart(), end: call.getEnd(), text: `vi.setConfig({ testTimeout: ${arg} })` });
        continue;
      }
      if (UNSUPPORTED.has(member)) leftovers.push({ pos: id.getStart(), reason: `jest.${member} has no 1:1 vitest equivalent` });
      edits.push({ start: id.getStart(), end: id.getEnd(), text: 'vi' });
      continue;
    }
    const alias = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
    if (alias && parent && Node.isCallExpression(parent) && parent.getExpression() === id) {
      edits.push({ start: id.getStart(), end: id.getEnd(), text: `${alias[0]}.${alias[1]}` });
      values.add(alias[0]);
      continue;
    }
    if (GLOBALS.includes(name)) {
      // Only uses that look like the test API: calls, or member access such as it.each / expect.any.
      const used = parent && ((Node.isCallExpression(parent) && parent.getExpression() === id) || (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id));
      if (used) values.add(name);
    }
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
  const first = sf.getStatements()[0];
  const at = first ? first.getStart() : text.length;
  if (names.length) edits.push({ start: at, end: at, text: `import { ${names.join(', ')} } from 'vitest';\n${first && !Node.isImportDeclaration(first) ? '\n' : ''}` });

  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (out !== text) sf.replaceWithText(out);
  return { changed: out !== text, leftovers: leftoversAfterEdits(leftovers, edits, out) };
}

/**
 * enzyme-to-rtl codemod, the mechanical part only (the agent does the rest, see prompt.md):
 * enzyme imports → @testing-library/react, `mount`/`shallow(<X/>)` → `render(<X/>)`, and wrapper
 * chains that have a 1:1 equivalent: `.text()`/`.html()` → container, `.find(tag|[data-testid])`
 * → `screen.getBy…`, `.simulate(e)` → `fireEvent.e`, `.first()/.at(i)/.length`, `.update()`
 * (dropped), `.unmount()`. Any other use of a wrapper is logged and left for the agent.
 */
import path from 'node:path';
import { Node, SyntaxKind, type Project, type SourceFile } from 'ts-morph';
import type { CodemodContext } from '../../src/catalog/definition.js';
import { leftoversAfterEdits, type FileLeftover, type PendingLeftover, type TextEdit as Edit } from '../../src/catalog/leftovers.js';
import { EVENTS, queryFor } from './queries.js';

type Segment = { name: string; args: Node[] | undefined };

/** The member chain that starts at `id` (`w.find('a').first().text()`), and its outermost node. */
function chainOf(id: Node): { segments: Segment[]; outer: Node } {
  const segments: Segment[] = [];
  let node: Node = id;
  for (;;) {
    const parent = node.getParent();
    if (!parent || !Node.isPropertyAccessExpression(parent) || parent.getExpression() !== node) break;
    const call = parent.getParent();
    if (call && Node.isCallExpression(call) && call.getExpression() === parent) {
      segments.push({ name: parent.getName(), args: call.getArguments() });
      node = call;
    } else {
      segments.push({ name: parent.getName(), args: undefined });
      node = parent;
    }
  }
  return { segments, outer: node };
}

/** `expect(<node>).toHaveLength(n)` */
function expectedLength(node: Node): boolean {
  const call = node.getParent();
  if (!call || !Node.isCallExpression(call) || call.getExpression().getText() !== 'expect') return false;
  const access = call.getParent();
  return Boolean(access && Node.isPropertyAccessExpression(access) && access.getName() === 'toHaveLength');
}

interface FileState {
  needs: Set<'render' | 'screen' | 'fireEvent'>;
  leftovers: PendingLeftover[];
}

/** Translates one wrapper chain; undefined when it has no deterministic equivalent. */
function translate(segments: Segment[], outer: Node, destructure: Set<string>, state: FileState): string | null | undefined {
  const [head, ...rest] = segments;
  if (!head) return undefined;
  if (head.name === 'update' && rest.length === 0 && head.args) return null; // RTL re-renders by itself
  if (head.name === 'unmount' && rest.length === 0 && head.args) {
    destructure.add('unmount');
    return 'unmount()';
  }
  if ((head.name === 'text' || head.name === 'html') && rest.length === 0 && head.args?.length === 0) {
    destructure.add('container');
    return head.name === 'text' ? 'container.textContent' : 'container.innerHTML';
  }
  if (head.name !== 'find' || head.args?.length !== 1) return undefined;
  const sel = head.args[0]!;
  if (!Node.isStringLiteral(sel)) return undefined;
  const query = queryFor(sel.getLiteralValue());
  if (!query) return undefined;
  let i = 0;
  let index: string | undefined;
  const pick = rest[0];
  if (pick?.name === 'first' && pick.args?.length === 0) {
    index = '0';
    i++;
  } else if (pick?.name === 'at' && pick.args?.length === 1) {
    index = pick.args[0]!.getText();
    i++;
  }
  const tail = rest.slice(i);
  const plural = index !== undefined || tail[0]?.name === 'length' || (tail.length === 0 && expectedLength(outer));
  const arg = `'${query.arg}'`;
  const base = `screen.${plural ? 'getAllBy' : 'getBy'}${query.by}(${arg})${index !== undefined ? `[${index}]` : ''}`;
  // `screen` is imported only for a use that is translated (an unused import is a new diagnostic).
  const screenUse = (out: string): string => {
    state.needs.add('screen');
    return out;
  };
  if (tail.length === 0) return screenUse(base);
  if (tail.length > 1) return undefined;
  const last = tail[0]!;
  if (last.name === 'length' && !last.args) return screenUse(`${base}.length`);
  if (last.name === 'text' && last.args?.length === 0) return screenUse(`${base}.textContent`);
  if (last.name === 'simulate' && last.args && last.args.length >= 1) {
    const evt = last.args[0]!;
    if (!Node.isStringLiteral(evt)) return undefined;
    const fn = Object.hasOwn(EVENTS, evt.getLiteralValue()) ? EVENTS[evt.getLiteralValue()] : undefined;
    if (!fn) return undefined;
    state.needs.add('fireEvent');
    const extra = last.args.slice(1).map((a) => a.getText());
    return screenUse(`fireEvent.${fn}(${[base, ...extra].join(', ')})`);
  }
  return undefined;
}

export function rewriteEnzymeFile(sf: SourceFile): { changed: boolean; leftovers: FileLeftover[] } {
  const text = sf.getFullText();
  const edits: Edit[] = [];
  const state: FileState = { needs: new Set(), leftovers: [] };
  const enzymeImport = sf.getImportDeclarations().find((i) => i.getModuleSpecifierValue() === 'enzyme');
  if (!enzymeImport) return { changed: false, leftovers: [] };
  const mounters = new Set(
    enzymeImport
      .getNamedImports()
      .filter((n) => n.getName() === 'mount' || n.getName() === 'shallow')
      .map((n) => n.getAliasNode()?.getText() ?? n.getName()),
  );
  const others = enzymeImport.getNamedImports().filter((n) => n.getName() !== 'mount' && n.getName() !== 'shallow');
  for (const o of others) state.leftovers.push({ pos: o.getStart(), reason: `enzyme's ${o.getName()} has no Testing Library equivalent the codemod knows` });

  // Calls of mount/shallow; those assigned to a variable get their wrapper uses translated.
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!mounters.has(call.getExpression().getText())) continue;
    state.needs.add('render');
    const decl = call.getParent();
    const renderText = `render(${call.getArguments().map((a) => a.getText()).join(', ')})`;
    if (!decl || !Node.isVariableDeclaration(decl) || !Node.isIdentifier(decl.getNameNode())) {
      edits.push({ start: call.getExpression().getStart(), end: call.getExpression().getEnd(), text: 'render' });
      continue;
    }
    const wrapper = decl.getName();
    const destructure = new Set<string>();
    const scope = decl.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a)) ?? sf;
    let complete = true;
    for (const id of scope.getDescendantsOfKind(SyntaxKind.Identifier)) {
      if (id.getText() !== wrapper || id === decl.getNameNode()) continue;
      const { segments, outer } = chainOf(id);
      const out = translate(segments, outer, destructure, state);
      if (out === undefined) {
        complete = false;
        state.leftovers.push({ pos: id.getStart(), reason: `wrapper use \`${outer.getText().slice(0, 60)}\` has no 1:1 Testing Library equivalent` });
        continue;
      }
      if (out === null) {
        const stmt = outer.getParent();
        if (stmt && Node.isExpressionStatement(stmt)) {
          let end = stmt.getEnd();
          if (text[end] === '\n') end++;
          let start = stmt.getStart();
          while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
          edits.push({ start, end, text: '' });
        }
        continue;
      }
      edits.push({ start: outer.getStart(), end: outer.getEnd(), text: out });
    }
    const stmt = decl.getVariableStatement();
    if (!stmt) continue;
    if (!complete) {
      // The agent finishes this test: keep the wrapper's name on the render result (and take
      // what the translated uses need, e.g. `container`, from it).
      edits.push({ start: call.getStart(), end: call.getEnd(), text: renderText });
      if (destructure.size) {
        const lineStart = text.lastIndexOf('\n', stmt.getStart() - 1) + 1;
        const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
        edits.push({ start: stmt.getEnd(), end: stmt.getEnd(), text: `\n${indent}const { ${[...destructure].sort().join(', ')} } = ${wrapper};` });
      }
    } else if (destructure.size) {
      edits.push({ start: decl.getNameNode().getStart(), end: decl.getNameNode().getEnd(), text: `{ ${[...destructure].sort().join(', ')} }` });
      edits.push({ start: call.getStart(), end: call.getEnd(), text: renderText });
    } else {
      edits.push({ start: stmt.getStart(), end: stmt.getEnd(), text: `${renderText};` });
    }
  }

  // Imports: enzyme's go (other named imports stay for the agent), Testing Library's come in.
  const rtl = ['fireEvent', 'render', 'screen'].filter((n) => state.needs.has(n as 'render'));
  const rtlImport = rtl.length ? `import { ${rtl.join(', ')} } from '@testing-library/react';` : '';
  const keep = others.map((o) => o.getText());
  const defaultOrNs = enzymeImport.getDefaultImport()?.getText() ?? enzymeImport.getNamespaceImport()?.getText();
  if (defaultOrNs) state.leftovers.push({ pos: enzymeImport.getStart(), reason: `enzyme imported as ${defaultOrNs} (adapter setup or wrapper API)` });
  const clause = [defaultOrNs && enzymeImport.getNamespaceImport() ? `* as ${defaultOrNs}` : defaultOrNs, keep.length ? `{ ${keep.join(', ')} }` : '']
    .filter(Boolean)
    .join(', ');
  const replacement = [clause ? `import ${clause} from 'enzyme';` : '', rtlImport].filter(Boolean).join('\n');
  let end = enzymeImport.getEnd();
  if (!replacement && text[end] === '\n') end++;
  edits.push({ start: enzymeImport.getStart(), end, text: replacement });

  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (out !== text) sf.replaceWithText(out);
  return { changed: out !== text, leftovers: leftoversAfterEdits(state.leftovers, edits, out) };
}

export default function enzymeToRtl(project: Project, ctx: CodemodContext): void {
  const root = ctx.dir.split(path.sep).join('/');
  project.addSourceFilesAtPaths([`${root}/**/*.{ts,tsx,js,jsx}`, `!${root}/**/node_modules/**`, `!${root}/**/*.d.ts`]);
  for (const sf of project.getSourceFiles()) {
    if (sf.isDeclarationFile() || sf.getFilePath().includes('/node_modules/')) continue;
    if (!/['"]enzyme['"]/.test(sf.getFullText())) continue;
    const rel = path.relative(ctx.dir, sf.getFilePath());
    const { changed, leftovers } = rewriteEnzymeFile(sf);
    if (changed && leftovers.length === 0) ctx.log(`${rel}: enzyme mechanics rewritten`);
    for (const l of leftovers) ctx.leave({ file: rel, ...l });
  }
}

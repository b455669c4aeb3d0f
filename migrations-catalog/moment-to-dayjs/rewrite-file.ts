/**
 * Rewrites one source file from moment to dayjs: the import, calls on the moment namespace,
 * `Moment`/`Duration` types, and the plugins the file's calls need (returned, registered once
 * by the codemod in a setup module). Edits are computed on the AST and applied as text.
 */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { leftoversAfterEdits, type FileLeftover, type PendingLeftover, type TextEdit as Edit } from '../../src/catalog/leftovers.js';
import { METHOD_PLUGINS, STATIC_MEMBERS, UNSUPPORTED, formatPlugins } from './plugins.js';

/** Methods that mutate a moment but return a new dayjs: their result must be used. */
const MUTATORS = new Set(['add', 'subtract', 'startOf', 'endOf', 'set', 'year', 'month', 'date', 'hour', 'minute', 'second', 'millisecond', 'utc', 'local']);

export interface FileResult {
  changed: boolean;
  plugins: Set<string>;
  locales: Set<string>;
  /** Constructs left for the agent, positioned in the rewritten text. */
  leftovers: FileLeftover[];
}

/** The file imports dayjs from 'dayjs'; the codemod points it at the setup module when plugins are needed. */
export function rewriteMomentFile(sf: SourceFile): FileResult {
  const result: FileResult = { changed: false, plugins: new Set(), locales: new Set(), leftovers: [] };
  const pending: PendingLeftover[] = [];
  const text = sf.getFullText();
  const edits: Edit[] = [];
  const typeImports = new Map<string, string>(); // name → module
  let local: string | undefined;
  let importNode: Node | undefined;
  let namespaceStyle = false;

  for (const imp of sf.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== 'moment') continue;
    importNode = imp;
    local = imp.getDefaultImport()?.getText() ?? imp.getNamespaceImport()?.getText();
    namespaceStyle = imp.getNamespaceImport() !== undefined;
    for (const n of imp.getNamedImports()) {
      const name = n.getName();
      const alias = n.getAliasNode()?.getText() ?? name;
      if (name === 'Moment') {
        // rename uses of the alias below
        for (const id of sf.getDescendantsOfKind(SyntaxKind.Identifier)) {
          const p = id.getParent();
          const memberName = (Node.isQualifiedName(p) && p.getRight() === id) || (Node.isPropertyAccessExpression(p) && p.getNameNode() === id);
          if (id.getText() === alias && !memberName && !id.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)) edits.push({ start: id.getStart(), end: id.getEnd(), text: 'Dayjs' });
        }
        typeImports.set('Dayjs', 'dayjs');
      } else pending.push({ pos: n.getStart(), reason: `named import ${name} from moment has no dayjs equivalent the codemod knows` });
    }
  }
  if (!importNode) {
    for (const v of sf.getVariableDeclarations()) {
      const init = v.getInitializer();
      if (init && /^require\(\s*['"]moment['"]\s*\)$/.test(init.getText())) {
        importNode = v.getVariableStatement();
        local = v.getName();
      }
    }
  }
  if (!importNode) {
    result.leftovers = leftoversAfterEdits(pending, [], text);
    return result;
  }

  for (const id of local ? sf.getDescendantsOfKind(SyntaxKind.Identifier) : []) {
    if (id.getText() !== local || id.getFirstAncestor((a) => a === importNode)) continue;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    if (Node.isQualifiedName(parent) && parent.getLeft() === id) {
      const member = parent.getRight().getText();
      const map: Record<string, [string, string]> = { Moment: ['Dayjs', 'dayjs'], MomentInput: ['ConfigType', 'dayjs'], Duration: ['Duration', 'dayjs/plugin/duration'] };
      const m = Object.hasOwn(map, member) ? map[member] : undefined;
      if (!m) {
        pending.push({ pos: id.getStart(), reason: `type ${local}.${member} has no dayjs equivalent the codemod knows` });
        continue;
      }
      typeImports.set(m[0], m[1]);
      edits.push({ start: parent.getStart(), end: parent.getEnd(), text: m[0] });
      continue;
    }
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id) {
      const member = parent.getName();
      const stat = Object.hasOwn(STATIC_MEMBERS, member) ? STATIC_MEMBERS[member] : undefined;
      if (!stat) {
        pending.push({ pos: id.getStart(), reason: `${local}.${member} has no dayjs equivalent the codemod knows` });
        edits.push({ start: id.getStart(), end: id.getEnd(), text: 'dayjs' });
        continue;
      }
      if (stat[1]) result.plugins.add(stat[1]);
      if (member === 'locale') {
        const arg = (parent.getParent() as Node | undefined)?.asKind(SyntaxKind.CallExpression)?.getArguments()[0];
        if (arg && Node.isStringLiteral(arg) && arg.getLiteralValue() !== 'en') result.locales.add(arg.getLiteralValue());
      }
      edits.push({ start: parent.getStart(), end: parent.getEnd(), text: `dayjs.${stat[0]}` });
      continue;
    }
    if (Node.isCallExpression(parent) && parent.getExpression() === id) {
      const args = parent.getArguments();
      const fmt = args[1];
      if (fmt && (Node.isStringLiteral(fmt) || Node.isArrayLiteralExpression(fmt))) result.plugins.add('customParseFormat');
    }
    edits.push({ start: id.getStart(), end: id.getEnd(), text: 'dayjs' });
  }

  // Methods that need plugins, format tokens, and mutations whose result is dropped.
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const name = callee.getName();
    const plugin = Object.hasOwn(METHOD_PLUGINS, name) ? METHOD_PLUGINS[name] : undefined;
    if (plugin) result.plugins.add(plugin);
    if ((name === 'startOf' || name === 'endOf') && /^['"]isoWeek['"]$/.test(call.getArguments()[0]?.getText() ?? '')) result.plugins.add('isoWeek');
    if (UNSUPPORTED.has(name)) pending.push({ pos: call.getStart(), reason: `.${name}() has no deterministic dayjs equivalent` });
    if (name === 'format') {
      const arg = call.getArguments()[0];
      if (arg && Node.isStringLiteral(arg)) formatPlugins(arg.getLiteralValue()).forEach((p) => result.plugins.add(p));
    }
    if (MUTATORS.has(name) && Node.isExpressionStatement(call.getParent())) {
      const receiver = callee.getExpression().getText();
      const setter = ['add', 'subtract', 'startOf', 'endOf', 'set', 'utc', 'local'].includes(name) || call.getArguments().length > 0;
      if (setter && receiver !== local) {
        pending.push({ pos: call.getStart(), reason: `${receiver}.${name}(…) mutates a moment; dayjs returns a new value` });
      }
    }
  }

  // The import: same style (default/namespace) from dayjs or the setup module; type imports from dayjs.
  const spec = 'dayjs';
  const importText = namespaceStyle ? `import * as dayjs from '${spec}';` : `import dayjs from '${spec}';`;
  const typeLines = [...new Set(typeImports.values())]
    .sort()
    .map((mod) => `import type { ${[...typeImports].filter(([, m]) => m === mod).map(([n]) => n).sort().join(', ')} } from '${mod}';`);
  edits.push({ start: importNode.getStart(), end: importNode.getEnd(), text: [importText, ...typeLines].join('\n') });

  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (out !== text) {
    sf.replaceWithText(out);
    result.changed = true;
  }
  result.leftovers = leftoversAfterEdits(pending, edits, out);
  return result;
}

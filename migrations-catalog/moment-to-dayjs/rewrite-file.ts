/**
 * Rewrites one source file from moment to dayjs: the import, calls on the moment namespace,
 * `Moment`/`Duration` types, and the plugins the file's calls need (returned, registered once
 * by the codemod in a setup module). Edits are computed on the AST and applied as text.
 */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { leftoversAfterEdits, type FileLeftover, type PendingLeftover, type TextEdit as Edit } from '../../src/catalog/leftovers.js';
import { CORE_UNITS, METHOD_PLUGINS, PLURAL_GETTERS, STATIC_MEMBERS, UNIT_METHODS, UNSUPPORTED, formatPlugins } from './plugins.js';

/** The identifier a call chain starts from (`moment().add(1).years` → `moment`), if any. */
function chainRoot(node: Node): string | undefined {
  let n = node;
  for (;;) {
    if (Node.isCallExpression(n)) n = n.getExpression();
    else if (Node.isPropertyAccessExpression(n)) {
      const inner = n.getExpression();
      if (Node.isIdentifier(inner)) return `${inner.getText()}.${n.getName()}`;
      n = inner;
    } else if (Node.isIdentifier(n)) return n.getText();
    else return undefined;
  }
}

/** A receiver that is (or is declared as) a moment duration. */
function isDurationReceiver(node: Node): boolean {
  if (/\.duration\(|\bduration\b/i.test(node.getText())) return true;
  if (!Node.isIdentifier(node)) return false;
  const decl = node.getSymbol()?.getDeclarations()[0];
  return decl !== undefined && Node.isVariableDeclaration(decl) && /\.duration\(/.test(decl.getInitializer()?.getText() ?? '');
}

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
  /** A construct left on moment needs the moment import to stay next to dayjs. */
  let keepMoment = false;

  const extraImports: Node[] = [];
  for (const imp of sf.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== 'moment') continue;
    // A file importing moment twice gets one dayjs import (two would be TS2300).
    if (importNode) extraImports.push(imp);
    else importNode = imp;
    const own = imp.getDefaultImport()?.getText() ?? imp.getNamespaceImport()?.getText();
    if (own && !local) {
      local = own;
      namespaceStyle = imp.getNamespaceImport() !== undefined;
    }
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
        pending.push({ pos: id.getStart(), reason: `${local}.${member} has no dayjs equivalent the codemod knows (left on moment)` });
        keepMoment = true;
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
      if (args[0] && Node.isArrayLiteralExpression(args[0])) result.plugins.add('arraySupport');
      if (args[0] && Node.isObjectLiteralExpression(args[0])) result.plugins.add('objectSupport');
      const loc = args[2];
      if (loc && Node.isStringLiteral(loc) && loc.getLiteralValue() !== 'en') result.locales.add(loc.getLiteralValue());
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
    const args = call.getArguments();
    const root = chainRoot(callee.getExpression());
    const onMoment = root !== undefined && local !== undefined && (root === local || root.startsWith(`${local}.`));
    if (Object.hasOwn(PLURAL_GETTERS, name) && onMoment) {
      const n = callee.getNameNode();
      edits.push({ start: n.getStart(), end: n.getEnd(), text: PLURAL_GETTERS[name]! });
    } else if (Object.hasOwn(PLURAL_GETTERS, name) && !isDurationReceiver(callee.getExpression())) {
      pending.push({ pos: call.getStart(), reason: `.${name}() is moment's plural alias of .${PLURAL_GETTERS[name]}(); dayjs has only the singular (durations keep plurals)` });
    }
    if ((name === 'get' || name === 'set') && args[0] && Node.isStringLiteral(args[0])) {
      const unit = args[0].getLiteralValue();
      const plugin = Object.hasOwn(UNIT_METHODS, unit) ? UNIT_METHODS[unit] : undefined;
      if (plugin) {
        // dayjs's get/set ignore these units (silently): call the plugin's method instead
        result.plugins.add(plugin[1]);
        const value = name === 'set' ? (args[1]?.getText() ?? '') : '';
        edits.push({ start: callee.getNameNode().getStart(), end: call.getEnd(), text: `${plugin[0]}(${value})` });
      } else if (!CORE_UNITS.has(unit)) {
        pending.push({ pos: call.getStart(), reason: `.${name}('${unit}'): dayjs's ${name} does not know this unit` });
      }
    } else if ((name === 'get' || name === 'set') && args[0] && Node.isObjectLiteralExpression(args[0])) {
      result.plugins.add('objectSupport');
    }
    if ((name === 'add' || name === 'subtract') && args[0] && Node.isObjectLiteralExpression(args[0])) result.plugins.add('objectSupport');
    if ((name === 'startOf' || name === 'endOf') && /^['"](quarter|Q)['"]$/.test(args[0]?.getText() ?? '')) result.plugins.add('quarterOfYear');
    if (name === 'locale' && args[0] && Node.isStringLiteral(args[0]) && args[0].getLiteralValue() !== 'en') result.locales.add(args[0].getLiteralValue());
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
  const kept = keepMoment ? [importNode.getText()] : [];
  edits.push({ start: importNode.getStart(), end: importNode.getEnd(), text: [...kept, importText, ...typeLines].join('\n') });
  for (const extra of extraImports) {
    const end = extra.getEnd() + (text[extra.getEnd()] === '\n' ? 1 : 0);
    edits.push({ start: extra.getStart(), end, text: '' });
  }

  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (out !== text) {
    sf.replaceWithText(out);
    result.changed = true;
  }
  result.leftovers = leftoversAfterEdits(pending, edits, out);
  return result;
}

/**
 * The migration's target (`target.locate`): every CommonJS construct — `require()` calls,
 * `import x = require()`, assignments to `module.exports` / `exports.x`, and `__dirname` /
 * `__filename` / `require.resolve` in a file that runs as an ES module — in the files the migration looks at
 * (file-kinds.ts: the files it converts, and the `.cjs`/`.cts` files it reports to the agent
 * unchanged; a `.js` file of a CommonJS package such as `jest.config.js` is no site). The codemod reports its leftovers at
 * the same positions (`commonJsNodes`). A `require` the file declares itself (`const require =
 * createRequire(import.meta.url)`) and a `__dirname` it declares are ES module code, not sites.
 */
import { Node, SyntaxKind, type Project, type SourceFile } from 'ts-morph';
import type { SiteLike } from '../../src/catalog/definition.js';
import { fileKind, isSource, runsAsEsm } from './file-kinds.js';

const EXPORTS = /^(module\.exports|exports)(\.|\[|$)/;
const CJS_TEXT = /\brequire\b|\bexports\b|\b__dirname\b|\b__filename\b/;

/** Names declared at the top level of `sf` (variables, functions, imports). */
export function topLevelNames(sf: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const stmt of sf.getStatements()) {
    if (Node.isVariableStatement(stmt)) {
      for (const d of stmt.getDeclarations()) {
        const name = d.getNameNode();
        if (Node.isIdentifier(name)) names.add(name.getText());
        else for (const el of name.getDescendantsOfKind(SyntaxKind.BindingElement)) names.add(el.getName());
      }
    }
    else if (Node.isFunctionDeclaration(stmt) || Node.isClassDeclaration(stmt)) {
      const name = stmt.getName();
      if (name) names.add(name);
    } else if (Node.isImportDeclaration(stmt)) {
      const def = stmt.getDefaultImport();
      if (def) names.add(def.getText());
      const ns = stmt.getNamespaceImport();
      if (ns) names.add(ns.getText());
      for (const n of stmt.getNamedImports()) names.add((n.getAliasNode() ?? n.getNameNode()).getText());
    }
  }
  return names;
}

export interface CommonJsNode {
  node: Node;
  kind: 'import-equals' | 'require' | 'custom';
}

/**
 * The CommonJS constructs of one file. `esm`: the file runs as an ES module, where
 * `__dirname`/`__filename` are not defined.
 */
export function commonJsNodes(sf: SourceFile, esm: boolean): CommonJsNode[] {
  if (!CJS_TEXT.test(sf.getFullText())) return [];
  const declared = topLevelNames(sf);
  const out: CommonJsNode[] = [];
  sf.forEachDescendant((node) => {
    if (Node.isImportEqualsDeclaration(node) && Node.isExternalModuleReference(node.getModuleReference())) out.push({ node, kind: 'import-equals' });
    else if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      if (Node.isIdentifier(callee) && callee.getText() === 'require' && node.getArguments().length === 1 && !declared.has('require')) out.push({ node, kind: 'require' });
    } else if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      if (EXPORTS.test(node.getLeft().getText().replace(/\s+/g, ''))) out.push({ node, kind: 'custom' });
    } else if (esm && Node.isPropertyAccessExpression(node) && node.getExpression().getText() === 'require' && !declared.has('require')) {
      out.push({ node, kind: 'require' }); // require.resolve / require.cache: no `require` in an ES module
    } else if (esm && Node.isIdentifier(node) && (node.getText() === '__dirname' || node.getText() === '__filename') && !declared.has(node.getText())) {
      const parent = node.getParent();
      // a property name (`o.__dirname`, `{ __dirname: x }`) is no use of the global
      const isName = (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) || (Node.isPropertyAssignment(parent) && parent.getNameNode() === node);
      if (!isName) out.push({ node, kind: 'custom' });
    }
  });
  return out;
}

export function locateCommonJs(project: Project): SiteLike[] {
  const sites: SiteLike[] = [];
  for (const sf of project.getSourceFiles()) {
    const file = sf.getFilePath();
    if (!isSource(file) || !CJS_TEXT.test(sf.getFullText())) continue;
    const kind = fileKind(project, file);
    if (!kind.convert) continue; // .cjs/.cts or a CommonJS package's .js: CommonJS by choice
    for (const { node, kind } of commonJsNodes(sf, runsAsEsm(project, sf))) {
      const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
      sites.push({ file, line, column, kind });
    }
  }
  return sites;
}

/**
 * The migration's target (`target.locate`): every CommonJS construct — `require()` calls,
 * `import x = require()`, and assignments to `module.exports` / `exports.x` — in the files the
 * migration converts (TypeScript sources: `.ts`, `.tsx`, `.mts`). A JavaScript file such as
 * `jest.config.js` in a CommonJS package is not a site: it must stay CommonJS to load at all.
 */
import { Node, SyntaxKind, type Project } from 'ts-morph';
import type { SiteLike } from '../../src/catalog/definition.js';

/** The codemod's files (codemod.ts: `**\/*.{ts,tsx,mts}`). */
const CONVERTED = /\.(?:ts|tsx|mts)$/;
const EXPORTS = /^(module\.exports|exports)(\.|\[|$)/;

export function locateCommonJs(project: Project): SiteLike[] {
  const sites: SiteLike[] = [];
  for (const sf of project.getSourceFiles()) {
    const file = sf.getFilePath();
    if (sf.isDeclarationFile() || file.includes('/node_modules/') || !CONVERTED.test(file)) continue;
    const text = sf.getFullText();
    if (!/\brequire\b|\bexports\b/.test(text)) continue;
    const at = (node: Node, kind: string): void => {
      const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
      sites.push({ file, line, column, kind });
    };
    sf.forEachDescendant((node) => {
      if (Node.isImportEqualsDeclaration(node) && Node.isExternalModuleReference(node.getModuleReference())) at(node, 'import-equals');
      else if (Node.isCallExpression(node)) {
        const callee = node.getExpression();
        if (Node.isIdentifier(callee) && callee.getText() === 'require' && node.getArguments().length === 1) at(node, 'require');
      } else if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        if (EXPORTS.test(node.getLeft().getText().replace(/\s+/g, ''))) at(node, 'custom');
      }
    });
  }
  return sites;
}

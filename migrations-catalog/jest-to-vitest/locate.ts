/**
 * The migration's target (`target.locate`): every use of the Jest API — imports from
 * `@jest/globals`, the `jest` object (`jest.fn()`, `jest.Mock` types) and the `xit`/`fit`-style
 * aliases. Jest's API is mostly global, so a module target cannot find it.
 */
import { Node, SyntaxKind, type Project } from 'ts-morph';
import type { SiteLike } from '../../src/catalog/definition.js';

const ALIASES = new Set(['xit', 'xtest', 'xdescribe', 'fit', 'fdescribe']);

export function locateJestApi(project: Project): SiteLike[] {
  const sites: SiteLike[] = [];
  for (const sf of project.getSourceFiles()) {
    const file = sf.getFilePath();
    if (sf.isDeclarationFile() || file.includes('/node_modules/')) continue;
    const text = sf.getFullText();
    if (!/\bjest\b|\b[xf](?:it|test|describe)\b/.test(text)) continue;
    const at = (node: Node, kind: string): void => {
      const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
      sites.push({ file, line, column, kind });
    };
    for (const imp of sf.getImportDeclarations()) if (imp.getModuleSpecifierValue() === '@jest/globals') at(imp, 'import');
    for (const id of sf.getDescendantsOfKind(SyntaxKind.Identifier)) {
      const name = id.getText();
      const parent = id.getParent();
      if (name === 'jest') {
        if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id) at(id, 'property-access');
        else if (Node.isQualifiedName(parent) && parent.getLeft() === id) at(id, 'type-reference');
      } else if (ALIASES.has(name) && Node.isCallExpression(parent) && parent.getExpression() === id) {
        at(id, 'call');
      } else if (ALIASES.has(name) && Node.isPropertyAccessExpression(parent) && parent.getExpression() === id) {
        at(id, 'call');
      }
    }
  }
  return sites;
}

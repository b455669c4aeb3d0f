/**
 * The migration's target (`target.locate`): every specifier of a Node.js built-in module
 * written without `node:` (imports, re-exports, require(), import(), import types, mocks).
 */
import type { Project } from 'ts-morph';
import type { SiteLike } from '../../src/catalog/definition.js';
import { collectSpecifiers, isBuiltinSpecifier } from './codemod.js';

export function locateBareBuiltins(project: Project): SiteLike[] {
  const sites: SiteLike[] = [];
  for (const sf of project.getSourceFiles()) {
    const file = sf.getFilePath();
    if (sf.isDeclarationFile() || file.includes('/node_modules/')) continue;
    for (const node of collectSpecifiers(sf)) {
      const text = node.getText();
      if (!isBuiltinSpecifier(text.slice(1, -1))) continue;
      const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
      sites.push({ file, line, column, kind: 'import' });
    }
  }
  return sites;
}

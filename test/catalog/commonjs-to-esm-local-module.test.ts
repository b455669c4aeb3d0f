/** commonjs-to-esm: a parameter or variable named `module` is not CommonJS's `module` (issue 14). */
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { convertFile } from '../../migrations-catalog/commonjs-to-esm/codemod.js';

function convert(text: string): string {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const sf = project.createSourceFile('/repo/src/plugins.ts', text);
  convertFile(project, sf, { defaultImports: true, jsExtensions: false });
  return sf.getFullText();
}

describe('commonjs-to-esm and a local `module`', () => {
  it('converts module.exports next to a parameter named module', () => {
    const out = convert(
      ['function describe(module: { name: string }): string {', '  return module.name;', '}', '', 'module.exports = { describe };', ''].join('\n'),
    );
    expect(out).toContain('export { describe };');
    expect(out).not.toContain('module.exports');
    expect(out).toContain('return module.name;');
  });
  it('still keeps the exports of a file that reads the real module object', () => {
    const out = convert(['const a = 1;', 'if (module.parent) console.log(a);', 'module.exports = { a };', ''].join('\n'));
    expect(out).toContain('module.exports = { a };');
  });
});

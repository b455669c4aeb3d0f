/**
 * commonjs-to-esm and computed-key accesses of a converted require(): `any` before, a typed
 * import after. A `string` key gets `as keyof typeof x`; what the codemod cannot prove is a
 * leftover site with the reason (issue 14: never silently wrong).
 */
import { Project, type CompilerOptions } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { convertFile } from '../../migrations-catalog/commonjs-to-esm/codemod.js';

function convert(text: string, compilerOptions: CompilerOptions = { strict: true }): ReturnType<typeof convertFile> & { text: string } {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions });
  project.createSourceFile('/repo/src/schemas.ts', "export const user = { id: 1 };\nexport const order = { id: 2 };\n");
  const sf = project.createSourceFile('/repo/src/use.ts', text);
  const result = convertFile(project, sf, { defaultImports: true, jsExtensions: false });
  return { ...result, text: sf.getFullText() };
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('commonjs-to-esm: computed keys of a converted require()', () => {
  it('types a string key as a key of the namespace import, and nothing else', () => {
    const out = convert(
      lines(
        "const schemas = require('./schemas');",
        'export const pick = (name: string) => schemas[name];',
        "export const fixed = schemas['user'];",
        "export const either = (k: 'user' | 'order') => schemas[k];",
        'export const joined = (a: string, b: string) => schemas[a + b];',
      ),
    );
    expect(out.text).toContain("import * as schemas from './schemas';");
    expect(out.text).toContain('schemas[name as keyof typeof schemas]');
    expect(out.text).toContain("schemas['user']");
    expect(out.text).toContain('schemas[k];');
    expect(out.text).toContain('schemas[(a + b) as keyof typeof schemas]');
    expect(out.casts).toBe(2);
    expect(out.leftovers).toEqual([]);
  });

  it('leaves a key of another type, and a write through a computed key, to the agent with the reason', () => {
    const out = convert(
      lines(
        "const schemas = require('./schemas');",
        'export const nth = (i: number) => schemas[i];',
        'export function set(name: string, v: unknown) {',
        '  schemas[name] = v;',
        '}',
      ),
    );
    expect(out.casts).toBe(0);
    expect(out.text).toContain('schemas[i];');
    expect(out.text).toContain('schemas[name] = v;');
    expect(out.leftovers).toEqual([
      { line: 2, column: 35, reason: expect.stringMatching(/`schemas\[i\]` .* key of type `number`: .*keyof typeof schemas.*TS7053/) },
      { line: 4, column: 3, reason: expect.stringMatching(/`schemas\[name\]` .* written through a computed key/) },
    ]);
  });

  it('changes no read without noImplicitAny (it stays implicitly any, as the require() was)', () => {
    const out = convert(lines("const schemas = require('./schemas');", 'export const pick = (name: string) => schemas[name];'), { strict: false });
    expect(out.text).toContain('schemas[name];');
    expect(out.casts).toBe(0);
    expect(out.leftovers).toEqual([]);
  });

  it('leaves a same-named parameter alone, and does not touch accesses of imports that were typed already', () => {
    const out = convert(
      lines(
        "const schemas = require('./schemas');",
        "import other = require('./schemas');",
        'export const own = (schemas: Record<string, number>, k: string) => schemas[k];',
        'export const typed = (k: string) => (other as Record<string, unknown>)[k];',
        'export const pick = (k: string) => schemas[k];',
      ),
    );
    expect(out.text).toContain('=> schemas[k];\nexport const typed');
    expect(out.text).toContain('schemas[k as keyof typeof schemas];');
    expect(out.casts).toBe(1);
  });
});

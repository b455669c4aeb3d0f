import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceProject, locateSites, summarizeSites, type Site } from '../../src/context/index.js';
import { FILES, at, writeRepo } from './fixture.js';

let dir: string;
beforeAll(() => {
  dir = writeRepo(FILES);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Expected = [file: string, line: number, column: number, kind: Site['kind']];
const s = (pos: [string, number, number], kind: Site['kind']): Expected => [...pos, kind];
const brief = (sites: Site[]): Expected[] => sites.map((x) => [x.file, x.line, x.column, x.kind]);
const sortExpected = (list: Expected[]): Expected[] =>
  [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] || a[2] - b[2]);

const ALL: Expected[] = [
  s(at('src/default-import.ts', 1, 'import'), 'import'),
  s(at('src/default-import.ts', 4, 'moment'), 'call'),
  s(at('src/default-import.ts', 6, 'moment'), 'call'),
  s(at('src/named-alias.ts', 1, 'import'), 'import'),
  s(at('src/named-alias.ts', 2, 'import'), 'type-import'),
  s(at('src/named-alias.ts', 4, 'Moment'), 'type-reference'),
  s(at('src/named-alias.ts', 4, 'Duration'), 'type-reference'),
  s(at('src/named-alias.ts', 5, 'toUtc'), 'call'),
  s(at('src/named-alias.ts', 6, 'duration'), 'call'),
  s(at('src/namespace.ts', 1, 'import'), 'import'),
  s(at('src/namespace.ts', 2, 'm.Moment'), 'type-reference'),
  s(at('src/namespace.ts', 3, 'm.utc'), 'call'),
  s(at('src/namespace.ts', 5, 'm;'), 'reference'),
  s(at('src/reexport.ts', 1, 'export'), 'export-from'),
  s(at('src/reexport.ts', 2, 'export'), 'export-from'),
  s(at('src/use-reexport.ts', 1, 'import'), 'import'),
  s(at('src/use-reexport.ts', 2, 'dur'), 'call'),
  s(at('src/use-reexport.ts', 3, 'u2'), 'call'),
  s(at('src/lib/index.ts', 1, 'export'), 'export-from'),
  s(at('src/use-all.ts', 1, 'import'), 'import'),
  s(at('src/use-all.ts', 2, 'dayLib'), 'call'),
  s(at('src/use-alias.ts', 1, 'import'), 'import'),
  s(at('src/use-alias.ts', 2, 'd()'), 'call'),
  s(at('src/wrap.ts', 1, 'import'), 'import'),
  s(at('src/wrap.ts', 2, 'mm'), 'reference'),
  s(at('src/wrap.ts', 3, 'mm'), 'reference'),
  s(at('src/use-wrap.ts', 1, 'import'), 'import'),
  s(at('src/use-wrap.ts', 2, 'w()'), 'call'),
  s(at('src/use-wrap.ts', 2, 'wrapped'), 'call'),
  s(at('src/use-barrel.tsx', 1, 'import'), 'import'),
  s(at('src/use-barrel.tsx', 2, 'dayLib'), 'call'),
  s(at('src/jsx.tsx', 1, 'import'), 'import'),
  s(at('src/jsx.tsx', 2, 'import'), 'import'),
  s(at('src/jsx.tsx', 3, 'Btn'), 'jsx'),
  s(at('src/jsx.tsx', 4, 'UI'), 'jsx'),
  s(at('src/cjs.js', 1, 'require'), 'require'),
  s(at('src/cjs.js', 2, 'require'), 'require'),
  s(at('src/cjs.js', 3, 'require'), 'require'),
  s(at('src/cjs.js', 5, 'moment'), 'call'),
  s(at('src/cjs.js', 5, 'utc'), 'call'),
  s(at('src/cjs.js', 5, 'dur'), 'call'),
  s(at('src/cjs.js', 7, 'fmt'), 'reference'),
  s(at('src/equals.cts', 1, 'import'), 'import-equals'),
  s(at('src/equals.cts', 3, 'm.utc'), 'call'),
  s(at('src/dynamic.mts', 2, 'import('), 'dynamic-import'),
  s(at('src/dynamic.mts', 3, 'mm'), 'call'),
  s(at('src/dynamic.mts', 6, 'import('), 'dynamic-import'),
  s(at('src/types-only.ts', 1, 'import'), 'type-import'),
  s(at('src/types-only.ts', 2, 'Moment'), 'type-reference'),
  s(at('src/types-only.ts', 3, 'import('), 'type-import'),
  s(at('src/widget.jsx', 1, 'import'), 'import'),
  s(at('src/widget.jsx', 2, 'moment'), 'call'),
];

describe('locateSites', () => {
  it('finds every import and reference form, and nothing else (recall 100%, no false sites)', async () => {
    const sites = await locateSites(createWorkspaceProject(dir), { modules: ['moment', 'ui-kit'], names: [] }, dir);
    expect(brief(sites)).toEqual(sortExpected(ALL));
  });

  it('never reports shadowed names, strings, comments, node_modules or dist', async () => {
    const sites = await locateSites(createWorkspaceProject(dir), { modules: ['moment'], names: [] }, dir);
    const files = new Set(sites.map((x) => x.file));
    expect(files.has('src/strings.ts')).toBe(false);
    expect([...files].some((f) => f.startsWith('node_modules/') || f.startsWith('dist/'))).toBe(false);
    const lines = sites.filter((x) => x.file === 'src/default-import.ts').map((x) => x.line);
    expect(lines).toEqual([1, 4, 6]);
    expect(sites.some((x) => x.module === 'ui-kit')).toBe(false);
  });

  it('records module, binding, barrel and enclosing declaration', async () => {
    const sites = await locateSites(createWorkspaceProject(dir), { modules: ['moment', 'ui-kit'], names: [] }, dir);
    const call = sites.find((x) => x.file === 'src/default-import.ts' && x.line === 4)!;
    expect(call).toMatchObject({ module: 'moment', binding: 'moment', enclosing: { name: 'year', kind: 'function', startLine: 3, endLine: 5 } });
    const viaBarrel = sites.find((x) => x.file === 'src/use-all.ts' && x.kind === 'call')!;
    expect(viaBarrel).toMatchObject({ module: 'moment', binding: 'dayLib', via: 'src/all.ts', enclosing: { name: 'now', kind: 'function' } });
    const alias = sites.find((x) => x.file === 'src/named-alias.ts' && x.line === 5)!;
    expect(alias.binding).toBe('toUtc');
  });

  it('filters by exported names', async () => {
    const sites = await locateSites(createWorkspaceProject(dir), { modules: ['moment'], names: ['utc'] }, dir);
    const expected: Expected[] = [
      s(at('src/default-import.ts', 1, 'import'), 'import'),
      s(at('src/default-import.ts', 6, 'moment'), 'call'),
      s(at('src/named-alias.ts', 1, 'import'), 'import'),
      s(at('src/named-alias.ts', 5, 'toUtc'), 'call'),
      s(at('src/namespace.ts', 1, 'import'), 'import'),
      s(at('src/namespace.ts', 3, 'm.utc'), 'call'),
      s(at('src/reexport.ts', 1, 'export'), 'export-from'),
      s(at('src/reexport.ts', 2, 'export'), 'export-from'),
      s(at('src/use-reexport.ts', 1, 'import'), 'import'),
      s(at('src/use-reexport.ts', 3, 'u2'), 'call'),
      s(at('src/cjs.js', 2, 'require'), 'require'),
      s(at('src/cjs.js', 5, 'utc'), 'call'),
      s(at('src/equals.cts', 1, 'import'), 'import-equals'),
      s(at('src/equals.cts', 3, 'm.utc'), 'call'),
    ];
    expect(brief(sites)).toEqual(sortExpected(expected));
  });

  it('runs a custom locator and attaches the enclosing declaration', async () => {
    const sites = await locateSites(
      createWorkspaceProject(dir),
      { modules: [], names: [], locate: () => [{ file: 'src/strings.ts', line: 6, column: 10, kind: 'reference' }] },
      dir,
    );
    expect(sites).toEqual([
      { file: 'src/strings.ts', line: 6, column: 10, kind: 'reference', enclosing: { name: 'use', kind: 'function', startLine: 5, endLine: 7 } },
    ]);
  });

  it('sees what a codemod changed in the Project, and summarizes the remaining sites', async () => {
    const project = createWorkspaceProject(dir);
    const before = await locateSites(project, { modules: ['moment'], names: [] }, dir);
    // A codemod-like edit, in memory only (never saved): widget.jsx no longer uses moment.
    project.getSourceFileOrThrow(`${dir}/src/widget.jsx`).replaceWithText('export const W = () => <span>{new Date().getFullYear()}</span>;\n');
    const after = await locateSites(project, { modules: ['moment'], names: [] }, dir);
    expect(after.some((x) => x.file === 'src/widget.jsx')).toBe(false);
    expect(summarizeSites(before, after)).toEqual({ found: before.length, handledByCodemod: 2, left: before.length - 2 });
  });

  it('is deterministic', async () => {
    const a = await locateSites(createWorkspaceProject(dir), { modules: ['moment', 'ui-kit'], names: [] }, dir);
    const b = await locateSites(createWorkspaceProject(dir), { modules: ['moment', 'ui-kit'], names: [] }, dir);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('references without a type checker', () => {
  it('agree with the checker on every fixture file, and defer to it when a name is shadowed', async () => {
    const { analyzeFile } = await import('../../src/context/analyze-file.js');
    const { findReferences, findReferencesWithoutChecker } = await import('../../src/context/references.js');
    const { createLocalChecker } = await import('../../src/context/local-checker.js');
    const { matchModule, moduleShape } = await import('../../src/context/shapes.js');
    const project = createWorkspaceProject(dir);
    const files = Object.keys(FILES).filter((f) => f.startsWith('src/') && !f.endsWith('.json'));
    const sfs = files.map((f) => project.addSourceFileAtPath(`${dir}/${f}`).compilerNode);
    const checker = createLocalChecker(sfs, project.getCompilerOptions());
    const resolve = (spec: string) => {
      const m = matchModule(spec, ['moment', 'ui-kit']);
      return m ? moduleShape(m) : undefined;
    };
    const where = (list: Array<{ node: { pos: number }; kind: string }>) => list.map((r) => `${r.node.pos}:${r.kind}`);
    let fast = 0;
    for (const [i, sf] of sfs.entries()) {
      for (const names of [new Set<string>(), new Set(['utc'])]) {
        const { bindings } = analyzeFile(sf, resolve, names);
        const withChecker = findReferences(sf, bindings, checker, names);
        const without = findReferencesWithoutChecker(sf, bindings, names);
        if (files[i] === 'src/default-import.ts') expect(without).toBeUndefined();
        if (without) {
          fast++;
          expect(where(without), files[i]).toEqual(where(withChecker));
        }
      }
    }
    expect(fast).toBeGreaterThan(10);
  });
});

describe('custom locators', () => {
  it('turn a throwing locator into a migration-invalid error with a hint', async () => {
    const failing = locateSites(
      createWorkspaceProject(dir),
      {
        modules: [],
        names: [],
        locate: () => {
          throw new Error('boom');
        },
      },
      dir,
    );
    await expect(failing).rejects.toMatchObject({ code: 'migration-invalid', message: expect.stringContaining('boom'), hint: expect.stringContaining('godwit context') });
  });
});

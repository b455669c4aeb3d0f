import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspaceProject, locateSites } from '../../src/context/index.js';
import { writeRepo } from './fixture.js';

const dirs: string[] = [];
const repo = (files: Record<string, string>): string => {
  const dir = writeRepo(files);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SOURCES = {
  'src/a.js': "const moment = require('moment');\nmodule.exports = () => moment();\n",
  'src/b.ts': "import moment from 'moment';\nexport const b = moment();\n",
};

describe('createWorkspaceProject', () => {
  it('starts empty, reads JS too, and loads files only when asked', async () => {
    const dir = repo({ ...SOURCES, 'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: false, strict: true }, include: ['src'] }), 'src/c.ts': 'export const c = 1;\n' });
    const project = createWorkspaceProject(dir);
    expect(project.getSourceFiles()).toHaveLength(0);
    expect(project.getCompilerOptions().allowJs).toBe(true);
    expect(project.getCompilerOptions().strict).toBe(true);
    const sites = await locateSites(project, { modules: ['moment'], names: [] }, dir);
    expect(sites.map((s) => `${s.file}:${s.line} ${s.kind}`)).toEqual(['src/a.js:1 require', 'src/a.js:2 call', 'src/b.ts:1 import', 'src/b.ts:2 call']);
    // c.ts does not mention the module: never parsed.
    expect(project.getSourceFiles().map((f) => f.getBaseName()).sort()).toEqual(['a.js', 'b.ts']);
  });

  it('works without a tsconfig.json, and with one that does not load', async () => {
    for (const tsconfig of [undefined, '{ "extends": "@acme/missing-config/tsconfig.json" }', '{ not json']) {
      const dir = repo(tsconfig === undefined ? SOURCES : { ...SOURCES, 'tsconfig.json': tsconfig });
      const project = createWorkspaceProject(dir);
      expect(project.getCompilerOptions().allowJs).toBe(true);
      const sites = await locateSites(project, { modules: ['moment'], names: [] }, dir);
      expect(sites).toHaveLength(4);
    }
  });

  it('adds the sources up front when asked: the files of the tsconfig, or every source outside node_modules', () => {
    const withConfig = repo({ ...SOURCES, 'tsconfig.json': JSON.stringify({ include: ['src/b.ts'] }), 'node_modules/x/index.js': '' });
    expect(createWorkspaceProject(withConfig, { addSources: true }).getSourceFiles().map((f) => f.getBaseName())).toEqual(['b.ts']);
    const without = repo({ ...SOURCES, 'node_modules/x/index.js': '' });
    const names = createWorkspaceProject(without, { addSources: true }).getSourceFiles().map((f) => f.getBaseName()).sort();
    expect(names).toEqual(['a.js', 'b.ts']);
  });
});

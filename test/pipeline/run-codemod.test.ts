import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Codemod } from '../../src/catalog/definition.js';
import { loadMigrationDefinition } from '../../src/catalog/registry.js';
import { createWorkspaceProject } from '../../src/context/index.js';
import { runCodemod } from '../../src/pipeline/run-codemod.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-run-codemod-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const migration = (codemod: Codemod) =>
  loadMigrationDefinition({ id: 'test-codemod', title: 't', description: 'd', codemod, target: { modules: ['old-lib'] }, pr: { title: 't' } }, undefined);

const FILES = {
  'src/a.ts': "import { old } from 'old-lib';\n\nexport const a = old(1);\n",
  'src/b.ts': "import { old } from 'old-lib';\n\nexport const b = old(2);\n",
  'src/c.ts': "import { old } from 'old-lib';\n\nexport const c = old(3);\nexport const d = old.weird();\n",
  'src/d.ts': "import { old } from 'old-lib';\n\nexport function f(): number {\n  return old(4);\n}\n",
};

describe('runCodemod (the shared codemod step)', () => {
  it('keeps clean changes, drops a change that adds a diagnostic or breaks parsing, and hands over the sites', async () => {
    const dir = repo(FILES);
    const codemod: Codemod = (project, ctx) => {
      for (const sf of project.getSourceFiles()) {
        const name = path.basename(sf.getFilePath());
        const text = sf.getFullText().replace("import { old } from 'old-lib';", "import { neu } from 'new-lib';").replace(/\bold\(/g, 'neu(');
        if (name === 'a.ts') sf.replaceWithText(text); // clean
        if (name === 'b.ts') sf.replaceWithText(`${text}export const bad: string = 1;\n`); // TS2322, alone
        if (name === 'c.ts') {
          // old.weird() stays, and so does its import.
          sf.replaceWithText(`import { neu } from 'new-lib';\n${sf.getFullText().replace('old(3)', 'neu(3)')}`);
          ctx.leave({ file: 'src/c.ts', line: 5, column: 18, reason: 'old.weird() has no equivalent' });
        }
        if (name === 'd.ts') sf.replaceWithText(`${text}export const x = (;\n`); // does not parse
      }
    };
    const project = createWorkspaceProject(dir, { addSources: true });
    const logs: string[] = [];
    const out = await runCodemod({ dir, migration: migration(codemod), project, log: (_l, m) => logs.push(m) });

    expect(out.changedFiles.sort()).toEqual(['src/a.ts', 'src/c.ts']);
    expect(out.dropped.map((d) => d.file).sort()).toEqual(['src/b.ts', 'src/d.ts']);
    expect(out.dropped.find((d) => d.file === 'src/b.ts')!.problems[0]).toMatch(/TS2322/);
    // Dropped changes are not on disk; kept ones are.
    expect(readFileSync(path.join(dir, 'src/b.ts'), 'utf8')).toBe(FILES['src/b.ts']);
    expect(readFileSync(path.join(dir, 'src/d.ts'), 'utf8')).toBe(FILES['src/d.ts']);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toContain("from 'new-lib'");

    // 4 imports + 5 uses found; a.ts and c.ts's imports and calls are gone (c keeps old.weird()).
    expect(out.found).toHaveLength(9);
    const left = out.left.map((s) => `${s.file}:${s.line}:${s.column} ${s.reason}`);
    expect(left).toContainEqual('src/c.ts:5:18 old.weird() has no equivalent');
    expect(left.filter((l) => l.startsWith('src/b.ts')).length).toBe(2);
    expect(left.filter((l) => l.startsWith('src/d.ts')).length).toBe(2);
    expect(out.left.find((s) => s.file === 'src/b.ts')!.reason).toMatch(/dropped: .*TS2322/);
    expect(out.left.every((s) => s.enclosing !== undefined)).toBe(true);
    expect(logs.some((l) => l.includes("src/b.ts: the codemod's change was dropped"))).toBe(true);
    // a.ts (2 sites) and c.ts's import and first call are handled; b.ts and d.ts keep theirs.
    expect(out.handledByCodemod).toBe(9 - 6);
  });

  it('hands over target sites the codemod left without a word', async () => {
    const dir = repo({ 'src/a.ts': FILES['src/a.ts'] });
    const out = await runCodemod({ dir, migration: migration(() => {}), project: createWorkspaceProject(dir, { addSources: true }), log: () => {} });
    expect(out.left.map((s) => [s.file, s.line, s.kind])).toEqual([
      ['src/a.ts', 1, 'import'],
      ['src/a.ts', 3, 'call'],
    ]);
    expect(out.left[0]!.reason).toMatch(/left this import of the migration's target unchanged/);
    expect(out.handledByCodemod).toBe(0);
  });

  it('refuses a leftover site outside the workspace as a codemod failure', async () => {
    const dir = repo({ 'src/a.ts': FILES['src/a.ts'] });
    const codemod: Codemod = (_p, ctx) => ctx.leave({ file: '../outside.ts', line: 1, column: 1, reason: 'x' });
    await expect(runCodemod({ dir, migration: migration(codemod), project: createWorkspaceProject(dir, { addSources: true }), log: () => {} })).rejects.toMatchObject({ code: 'codemod-failed' });
  });
});

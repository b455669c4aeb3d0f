import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/catalog/registry.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import { FILES, writeRepo } from './fixture.js';

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTTY: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

/** Every file's bytes, to prove the command never writes to the repository. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(path.relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

let dir: string;
let migrationWithTarget: string;
let catalogIds: string[];
beforeAll(async () => {
  dir = writeRepo(FILES);
  // A catalog that fails to load fails these tests (it is not a reason to skip them).
  const all = await listMigrations();
  catalogIds = all.map((m) => m.definition.id);
  migrationWithTarget = all.find((m) => m.definition.target.modules.length > 0)!.definition.id;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('godwit context', () => {
  it('is listed with its options', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'context', '--help'], io)).toBe(0);
    const help = io.out.join('\n');
    for (const flag of ['--budget', '--json', '--max-distance', '--no-tests', '--module', '--name']) expect(help).toContain(flag);
  });

  it('rejects an unknown migration with exit code 2 and a hint', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'context', 'no-such-migration', dir], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/hint: /);
  });

  it('rejects a repository that is not a local directory (it never clones)', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'context', 'whatever', 'https://github.com/acme/app.git'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/clone the repository first/);
  });

  it('rejects a bad --budget', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'context', 'x', dir, '--budget', '-3'], io)).toBe(2);
  });

  it('prints the context and --json, without touching the repository', async () => {
    const before = snapshot(dir);
    const io = capture();
    expect(await main(['node', 'godwit', 'context', migrationWithTarget, dir, '--budget', '3000', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out.join('\n')) as { sites: unknown[]; tokens: number; files: unknown[]; omittedSites: unknown[] };
    expect(json.tokens).toBeLessThanOrEqual(3000);
    expect(Array.isArray(json.sites) && Array.isArray(json.files) && Array.isArray(json.omittedSites)).toBe(true);
    const text = capture();
    expect(await main(['node', 'godwit', 'context', migrationWithTarget, dir, '--budget', '3000'], text)).toBe(0);
    expect(text.out.join('\n')).toMatch(/^godwit context: /);
    expect(snapshot(dir)).toEqual(before);
  });

  it('works for every catalog migration, after the codemod (the default) and before it', async () => {
    expect(catalogIds.length).toBeGreaterThanOrEqual(5);
    const before = snapshot(dir);
    for (const id of catalogIds) {
      for (const mode of ['--after-codemod', '--before-codemod']) {
        const io = capture();
        expect(await main(['node', 'godwit', 'context', id, dir, mode, '--json'], io), `${id} ${mode}: ${io.err.join('\n')}`).toBe(0);
        const json = JSON.parse(io.out.join('\n')) as { mode: string; found: number; handledByCodemod: number; left: number; sites: unknown[] };
        expect(json.mode).toBe(mode.slice(2));
        expect(json.left).toBe(json.sites.length);
        if (mode === '--before-codemod') expect(json.found).toBe(json.left);
      }
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('tries another target with --module and --name', async () => {
    const io = capture();
    expect(await main(['node', 'godwit', 'context', migrationWithTarget, dir, '--module', 'ui-kit', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out.join('\n')) as { sites: Array<{ file: string; kind: string }> };
    expect(json.sites.map((s) => `${s.file} ${s.kind}`)).toEqual(['src/jsx.tsx import', 'src/jsx.tsx import', 'src/jsx.tsx jsx', 'src/jsx.tsx jsx']);
    const named = capture();
    expect(await main(['node', 'godwit', 'context', migrationWithTarget, dir, '--module', 'moment', '--name', 'duration', '--json'], named)).toBe(0);
    const files = new Set((JSON.parse(named.out.join('\n')) as { sites: Array<{ file: string }> }).sites.map((s) => s.file));
    expect([...files].sort()).toEqual(['src/cjs.js', 'src/named-alias.ts', 'src/reexport.ts', 'src/use-reexport.ts']);
  });
});

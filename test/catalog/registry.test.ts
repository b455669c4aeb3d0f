import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_DIR, getMigration, listMigrations, loadMigrationDefinition } from '../../src/catalog/registry.js';
import { migrations } from '../../migrations-catalog/index.js';
import { GodwitError } from '../../src/errors.js';

describe('catalog registry', () => {
  it('has exactly one entry per folder of migrations-catalog/, and each folder holds its id', async () => {
    const folders = readdirSync(CATALOG_DIR)
      .filter((f) => statSync(path.join(CATALOG_DIR, f)).isDirectory())
      .sort();
    expect(migrations.map((m) => m.folder).sort()).toEqual(folders);
    const loaded = await listMigrations();
    expect(loaded.map((m) => m.definition.id).sort()).toEqual(folders);
    for (const m of loaded) expect(path.basename(m.dir!)).toBe(m.definition.id);
  });

  it('lists node-protocol-imports with its default branch', async () => {
    const m = await getMigration('node-protocol-imports');
    expect(m.branch).toBe('godwit/node-protocol-imports');
    expect(m.definition.codemod).toBeTypeOf('function');
  });

  it('an unknown id is a usage error (exit 2) listing the valid ids', async () => {
    const error = await getMigration('no-such-migration').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GodwitError);
    expect((error as GodwitError).code).toBe('migration-unknown');
    expect((error as GodwitError).exitCode).toBe(2);
    expect((error as GodwitError).message).toContain('node-protocol-imports');
  });

  it('a broken definition names the folder, the key and the fix', () => {
    const dir = path.join(CATALOG_DIR, 'broken-one');
    const attempt = (): unknown => loadMigrationDefinition({ id: 'broken-one', title: 'x', description: 'y', prompt: 'prompt.md', pr: { title: 't', draft: 'sometimes' } }, dir);
    expect(attempt).toThrow(GodwitError);
    try {
      attempt();
    } catch (e) {
      const err = e as GodwitError;
      expect(err.code).toBe('migration-invalid');
      expect(err.message).toContain(`${path.relative(process.cwd(), dir)}/index.ts`);
      expect(err.message).toContain('pr.draft');
      expect(err.hint).toContain('docs/writing-a-migration.md');
    }
  });

  it('a definition without codemod and prompt, or in the wrong folder, is refused', () => {
    expect(() => loadMigrationDefinition({ id: 'a', title: 'x', description: 'y', pr: { title: 't' } }, undefined)).toThrow(/codemod.*a migration needs a codemod, a prompt, or both/s);
    expect(() => loadMigrationDefinition({ id: 'a', title: 'x', description: 'y', codemod: () => {}, pr: { title: 't' } }, path.join(CATALOG_DIR, 'b'))).toThrow(
      /holds id "a"/,
    );
  });
});

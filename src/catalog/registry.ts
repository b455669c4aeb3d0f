/**
 * The migrations catalog: `migrations-catalog/index.ts` lists every migration explicitly; this
 * module validates each definition (errors name the folder, the key and the fix) and loads
 * its prompt.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GodwitError, formatZodIssues } from '../errors.js';
import { migrationDefinitionSchema, type LoadedMigration } from './definition.js';
import type { CatalogEntry } from './entry.js';

export type { CatalogEntry };

export const CATALOG_DIR = fileURLToPath(new URL('../../migrations-catalog/', import.meta.url));

/**
 * Validates a definition and loads its prompt. `dir` is the migration's folder (used for the
 * prompt path and in error messages); tests use this to load migrations outside the catalog.
 */
export function loadMigrationDefinition(input: unknown, dir: string | undefined): LoadedMigration {
  const where = dir ? path.relative(process.cwd(), dir) || dir : 'the migration';
  const parsed = migrationDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw new GodwitError(
      'migration-invalid',
      `Invalid migration definition in ${where}/index.ts:\n${formatZodIssues(parsed.error.issues)}`,
      'Fix the keys named above; see docs/writing-a-migration.md for every field.',
    );
  }
  const definition = parsed.data;
  if (dir && path.basename(dir) !== definition.id) {
    throw new GodwitError(
      'migration-invalid',
      `Migration folder ${where} holds id "${definition.id}"`,
      `Rename the folder to ${definition.id}, or set id: "${path.basename(dir)}".`,
    );
  }
  let promptText: string | undefined;
  if (definition.prompt) {
    const file = dir ? path.resolve(dir, definition.prompt) : path.resolve(definition.prompt);
    if (!existsSync(file)) {
      throw new GodwitError('migration-invalid', `${where}: prompt file ${definition.prompt} does not exist`, `Create ${file}, or remove the prompt key.`);
    }
    promptText = readFileSync(file, 'utf8');
  }
  return { definition, dir, promptText, branch: definition.pr.branch ?? `godwit/${definition.id}` };
}

let cache: Promise<LoadedMigration[]> | undefined;

async function load(): Promise<LoadedMigration[]> {
  const mod = (await import('../../migrations-catalog/index.js')) as { migrations: CatalogEntry[] };
  const seen = new Set<string>();
  return mod.migrations.map((entry) => {
    const loaded = loadMigrationDefinition(entry.definition, path.join(CATALOG_DIR, entry.folder));
    if (seen.has(loaded.definition.id)) {
      throw new GodwitError('migration-invalid', `Two catalog entries have id "${loaded.definition.id}"`, 'Remove the duplicate from migrations-catalog/index.ts.');
    }
    seen.add(loaded.definition.id);
    return loaded;
  });
}

/** All migrations in the catalog, validated (loaded once per process). */
export function listMigrations(): Promise<LoadedMigration[]> {
  cache ??= load();
  return cache;
}

export async function getMigration(id: string): Promise<LoadedMigration> {
  const all = await listMigrations();
  const found = all.find((m) => m.definition.id === id);
  if (!found) {
    const ids = all.map((m) => m.definition.id).sort();
    throw new GodwitError(
      'migration-unknown',
      `Unknown migration "${id}". Valid ids: ${ids.join(', ') || '(none)'}`,
      'Run `godwit catalog` to list migrations, or use --prompt-file for an ad-hoc one.',
    );
  }
  return found;
}

/**
 * Loads a catalog migration for eval: by id from migrations-catalog/, or from a folder path
 * (a migration under development). Validation is the catalog's schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrationDefinitionSchema, type LoadedMigration } from '../catalog/definition.js';
import { GodwitError, formatZodIssues } from '../errors.js';

export const CATALOG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations-catalog');

function resolveFolder(idOrPath: string): string {
  const asPath = path.resolve(idOrPath);
  if ((idOrPath.includes('/') || idOrPath.startsWith('.')) && existsSync(path.join(asPath, 'index.ts'))) return asPath;
  const inCatalog = path.join(CATALOG_DIR, idOrPath);
  if (/^[a-z0-9][a-z0-9-]*$/.test(idOrPath) && existsSync(path.join(inCatalog, 'index.ts'))) return inCatalog;
  throw new GodwitError(
    'migration-unknown',
    `No migration "${idOrPath}" in ${CATALOG_DIR}`,
    'Run `godwit catalog` to list the migrations, or pass the path of a migration folder.',
  );
}

export async function loadMigrationForEval(idOrPath: string): Promise<LoadedMigration> {
  const dir = resolveFolder(idOrPath);
  const mod = (await import(pathToFileURL(path.join(dir, 'index.ts')).href)) as { default?: unknown };
  const parsed = migrationDefinitionSchema.safeParse(mod.default);
  if (!parsed.success) {
    throw new GodwitError(
      'migration-invalid',
      `${dir}/index.ts is not a valid migration:\n${formatZodIssues(parsed.error.issues)}`,
      'Export `defineMigration({...})` as the default export; see src/catalog/definition.ts.',
    );
  }
  const def = parsed.data;
  const promptText = def.prompt ? readFileSync(path.join(dir, def.prompt), 'utf8') : undefined;
  return { definition: def, dir, promptText, branch: def.pr.branch ?? `godwit/${def.id}` };
}

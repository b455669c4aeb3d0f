/**
 * Loads a migration for eval: a catalog id (the registry), or the path of a migration folder
 * (a migration under development, not yet listed in migrations-catalog/index.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LoadedMigration } from '../catalog/definition.js';
import { getMigration, loadMigrationDefinition } from '../catalog/registry.js';
import { importUserModule } from '../config/import-user-module.js';

export async function loadMigrationForEval(idOrPath: string): Promise<LoadedMigration> {
  const folder = path.resolve(idOrPath);
  const looksLikePath = idOrPath.includes('/') || idOrPath.includes(path.sep) || idOrPath.startsWith('.');
  if (looksLikePath && existsSync(path.join(folder, 'index.ts'))) {
    const mod = (await importUserModule(path.join(folder, 'index.ts'))) as { default?: unknown };
    return loadMigrationDefinition(mod.default, folder);
  }
  return getMigration(idOrPath);
}

/**
 * Whether a migration needs / can use the model — questions asked without loading the agent
 * (its model client is most of godwit's modules; eval imports the agent only when it runs it).
 */
import type { LoadedMigration } from '../catalog/definition.js';

/** True when the migration cannot do anything without the LLM (prompt-only). */
export function needsLlm(migration: LoadedMigration): boolean {
  return migration.definition.codemod === undefined;
}

/** True when the migration can use the LLM (it has a prompt). */
export function canUseLlm(migration: LoadedMigration): boolean {
  return migration.definition.prompt !== undefined || Boolean(migration.promptText?.trim());
}

import type { MigrationInput } from './definition.js';

/**
 * Identity at runtime; it gives authors types and completion. Validation happens when the
 * registry loads the definition, so the error can name the migration's folder.
 */
export function defineMigration(input: MigrationInput): MigrationInput {
  return input;
}

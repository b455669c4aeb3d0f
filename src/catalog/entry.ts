import type { MigrationInput } from './definition.js';

/** One entry of migrations-catalog/index.ts. */
export interface CatalogEntry {
  /** Folder name under migrations-catalog/ (equals the id). */
  folder: string;
  definition: MigrationInput;
}

/**
 * godwit as a library (`import { defineMigration } from 'godwit'`): what a migration written
 * outside the catalog needs, and the RunReport types for tools that read godwit's output.
 * The CLI is `bin/godwit.js`.
 */
export { defineMigration } from './catalog/define.js';
export type { Applicability, Codemod, CodemodContext, Locator, MigrationInput, RepoSnapshot, SiteLike } from './catalog/definition.js';
export { enginesNode } from './catalog/applicability.js';
export { runReportSchema, type RunReport, type RunStatus, type StageName } from './report/run-report.js';
export { GodwitError } from './errors.js';

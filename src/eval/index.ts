export { runEval, type RunEvalOptions } from './run-eval.js';
export { loadMigrationForEval } from './load-migration.js';
export { formatReport, formatCaseLine } from './format.js';
export type { CaseResult, EvalReport, CaseStatus } from './types.js';

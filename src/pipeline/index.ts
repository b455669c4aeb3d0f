/** Public API of src/pipeline. */
export { runJob, PIPELINE } from './run-job.js';
export { buildReport } from './report.js';
export type { JobContext, Pipeline, PreparedContext, Stage, StageResult } from './context.js';
export type { RunJob, RunJobOptions } from './types.js';
export { runBranchRound, type BranchRoundOptions } from './branch-round.js';

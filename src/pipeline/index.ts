/** Public API of src/pipeline. */
export { runJob, STAGES } from './run-job.js';
export { buildReport } from './report.js';
export { createWorkspaceProject } from './project.js';
export type { JobContext, Stage, StageResult } from './context.js';
export type { RunJob, RunJobOptions } from './types.js';
export { runBranchRound, type BranchRoundOptions } from './branch-round.js';

/**
 * A RunReport for outcomes the pipeline never produced itself: a job cancelled before it ran,
 * an infrastructure error after the last retry, job data that failed validation.
 */
import { isGodwitError } from '../errors.js';
import { SCHEMA_VERSION, emptyUsage, type RunReport, type RunStatus } from '../report/run-report.js';

export interface SyntheticReportInput {
  runId: string;
  migration: string;
  repo: string;
  name: string;
  status: RunStatus;
  reason: string;
  error?: unknown;
  startedAt?: Date;
}

export function syntheticReport(input: SyntheticReportInput): RunReport {
  const started = input.startedAt ?? new Date();
  const finished = new Date();
  const e = input.error;
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: input.runId,
    migration: { id: input.migration, title: input.migration },
    repo: { ref: input.repo, name: input.name },
    status: input.status,
    reason: input.reason,
    ...(e === undefined
      ? {}
      : {
          error: isGodwitError(e)
            ? { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) }
            : { code: 'internal', message: e instanceof Error ? e.message : String(e) },
        }),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    stages: [],
    changedFiles: [],
    diff: '',
    baseline: [],
    final: [],
    guards: [],
    usage: emptyUsage(),
    logs: [],
  };
}

/**
 * godwit's own time in a run: its duration minus the repository's subprocesses — verifiers (each
 * from spawn to exit, their `pre*` scripts and the sandbox's start-up around the command included)
 * and installs. A baseline reused from the cache ran nothing in this run. Everything else —
 * clone, git, ts-morph, formatting, guards, report, Redis — is godwit's own.
 */
import type { RunReport } from '../src/report/run-report.js';

export type ReportTimes = Pick<RunReport, 'durationMs' | 'baseline' | 'final' | 'agent' | 'install'>;

export function subprocessMs(r: ReportTimes): number {
  const verifiers = [...r.baseline.filter((v) => !v.cached), ...r.final, ...(r.agent?.iterations.flatMap((it) => it.verify) ?? [])];
  return verifiers.reduce((a, v) => a + v.durationMs, 0) + (r.install?.durationMs ?? 0);
}

export function ownMs(r: ReportTimes): number {
  return r.durationMs - subprocessMs(r);
}

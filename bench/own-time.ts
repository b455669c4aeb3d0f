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

/**
 * Own time per stage: the stage's duration minus the subprocesses it ran (verifiers in baseline,
 * agent and gate). The report sums the installs of prepare and codemod into one duration, so with
 * an install those two stages are given together as `prepare+codemod`.
 */
export function ownMsByStage(r: ReportTimes & Pick<RunReport, 'stages'>): Record<string, number> {
  const sum = (runs: ReadonlyArray<{ durationMs: number; cached?: boolean | undefined }>) => runs.filter((v) => !v.cached).reduce((a, v) => a + v.durationMs, 0);
  const inStage: Record<string, number> = {
    baseline: sum(r.baseline),
    gate: sum(r.final),
    agent: sum(r.agent?.iterations.flatMap((it) => it.verify) ?? []),
  };
  const install = r.install?.durationMs ?? 0;
  const out: Record<string, number> = {};
  for (const st of r.stages) {
    const name = install > 0 && (st.name === 'prepare' || st.name === 'codemod') ? 'prepare+codemod' : st.name;
    out[name] = (out[name] ?? 0) + st.durationMs - (inStage[st.name] ?? 0);
  }
  if (out['prepare+codemod'] !== undefined) out['prepare+codemod'] -= install;
  return out;
}

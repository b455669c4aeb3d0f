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

/** Own time per stage: the stage's duration minus the subprocesses it ran (install in prepare or codemod, verifiers in baseline, agent, gate). */
export function ownMsByStage(r: ReportTimes & Pick<RunReport, 'stages'>): Record<string, number> {
  const sum = (runs: ReadonlyArray<{ durationMs: number; cached?: boolean | undefined }>) => runs.filter((v) => !v.cached).reduce((a, v) => a + v.durationMs, 0);
  const inStage: Record<string, number> = {
    baseline: sum(r.baseline),
    gate: sum(r.final),
    agent: sum(r.agent?.iterations.flatMap((it) => it.verify) ?? []),
  };
  const out: Record<string, number> = {};
  let install = r.install?.durationMs ?? 0;
  for (const st of r.stages) {
    let own = st.durationMs - (inStage[st.name] ?? 0);
    if (st.name === 'prepare' || st.name === 'codemod') {
      const taken = Math.min(install, own);
      own -= taken;
      install -= taken;
    }
    out[st.name] = own;
  }
  return out;
}

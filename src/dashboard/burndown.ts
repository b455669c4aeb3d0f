/**
 * Burndown series of a campaign from two histories: run-status samples (one per finished
 * repository: how many remain) and PR-state samples (one per `godwit sync`: open vs merged).
 * Before the first PR sync, a verified run counts as an open PR (that is when it was opened).
 */
import type { HistorySample } from '../queue/schemas.js';
import { TERMINAL_STATUSES, type RepoStatus } from '../queue/schemas.js';
import type { BurndownPoint } from './source.js';

export interface BurndownNow {
  ts: number;
  open: number;
  merged: number;
  finished: number;
}

function finishedIn(counts: Record<string, number>): number {
  let n = 0;
  for (const [status, count] of Object.entries(counts)) if (TERMINAL_STATUSES.has(status as RepoStatus)) n += count;
  return n;
}

export function burndownPoints(total: number, runs: HistorySample[], prs: HistorySample[], now: BurndownNow): BurndownPoint[] {
  const events = [
    ...runs.map((s) => ({ ts: s.ts, run: s })),
    ...prs.map((s) => ({ ts: s.ts, pr: s })),
  ].sort((a, b) => a.ts - b.ts);
  let run: HistorySample | undefined;
  let pr: HistorySample | undefined;
  const points: BurndownPoint[] = [];
  for (const e of events) {
    if ('run' in e) run = e.run;
    if ('pr' in e) pr = e.pr;
    const point: BurndownPoint = {
      t: Math.floor(e.ts / 1000),
      remaining: Math.max(0, total - (run ? finishedIn(run.counts) : 0)),
      open: pr ? (pr.counts.open ?? 0) + (pr.counts.draft ?? 0) : (run?.counts.verified ?? 0),
      merged: pr ? (pr.counts.merged ?? 0) : 0,
    };
    // Several samples in one second: keep the last.
    if (points.length && points[points.length - 1]!.t === point.t) points[points.length - 1] = point;
    else points.push(point);
  }
  const t = Math.floor(now.ts / 1000);
  const last: BurndownPoint = { t, open: now.open, merged: now.merged, remaining: Math.max(0, total - now.finished) };
  if (points.length && points[points.length - 1]!.t >= t) points[points.length - 1] = last;
  else points.push(last);
  return points;
}

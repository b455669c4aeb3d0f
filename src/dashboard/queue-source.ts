/**
 * DashboardSource over the queue layer's read model: the campaign store for campaigns,
 * repository records (with each finished run's iterations, tokens and cost), counts and
 * history; queue/run-reader.ts for one run's RunReport or live log lines; queue/events.ts for
 * live changes; the queue actions for retry/cancel/resume. Nothing here knows BullMQ's keys.
 *
 * A campaign's full repository list is read once and shared for a moment (SNAPSHOT_MS) by every
 * request that needs it, so a page of a 5,000-repository campaign costs one HVALS, not several.
 */
import { runReportSchema, type RunReport } from '../report/run-report.js';
import type { QueueContext } from '../queue/context.js';
import {
  getPullRequestHistory,
  getPullRequestStates,
  prStatesKey,
  pullRequestStateRecordSchema,
  type PullRequestStateRecord,
} from '../queue/pr-states.js';
import { followUpOfRepo, followUpRunOfRepo } from '../queue/followup-store.js';
import { readRun } from '../queue/run-reader.js';
import { TERMINAL_STATUSES, type CampaignRecord, type RepoStatus, type RepoStatusRecord } from '../queue/schemas.js';
import { burndownPoints } from './burndown.js';
import type { QueueActions } from './queue-actions.js';
import type {
  BurndownPoint,
  CampaignSummary,
  DashboardSource,
  LiveEvent,
  PrSummary,
  RepoDetail,
  RepoPage,
  RepoPageQuery,
  RepoRow,
  RepoState,
  WaveSummary,
} from './source.js';

const SNAPSHOT_MS = 400;

/** Per-repository facts of the finished run (the record's, or the report's on the run page). */
interface RunFacts {
  iterations?: number | undefined;
  tokens?: number | undefined;
  costUsd?: number | undefined;
  prState?: PrSummary['state'] | undefined;
}

export function toRepoState(status: RepoStatus): RepoState {
  if (status === 'pending' || status === 'queued') return 'waiting';
  return status;
}

function statusesFor(state: RepoState): RepoStatus[] {
  return state === 'waiting' ? ['pending', 'queued'] : [state];
}

const PR_STATES = new Set(['open', 'draft', 'merged', 'closed']);

/**
 * The PR of a repository: the synced state (`godwit sync`, with checks) when there is one,
 * otherwise what the run recorded when it published.
 */
function prSummary(r: RepoStatusRecord, synced: PullRequestStateRecord | undefined, facts?: RunFacts): PrSummary | undefined {
  if (synced?.found && synced.state && (synced.url || synced.number)) {
    const checks = synced.checks === 'none' ? undefined : synced.checks;
    return { ...prLink(synced), state: synced.state, ...(checks ? { checks } : {}) };
  }
  const pr = r.pr;
  if (!pr || (!pr.url && !pr.number)) return undefined;
  const state = pr.state ?? facts?.prState;
  return { ...prLink(pr), state: state && PR_STATES.has(state) ? (state as PrSummary['state']) : 'open' };
}

function prLink(pr: { url?: string | undefined; number?: number | undefined }): Pick<PrSummary, 'url' | 'number'> {
  return { ...(pr.url !== undefined ? { url: pr.url } : {}), ...(pr.number !== undefined ? { number: pr.number } : {}) };
}

function prBucket(pr: PrSummary | undefined): 'open' | 'merged' | 'closed' | undefined {
  if (!pr) return undefined;
  return pr.state === 'draft' ? 'open' : pr.state;
}

/** One read of a campaign's repositories and synced PR states, shared by a burst of requests. */
interface Snapshot {
  repos: RepoStatusRecord[];
  prs: Map<string, PullRequestStateRecord>;
}

export interface QueueSourceOptions {
  queue: QueueContext;
  actions: QueueActions;
  /** Subscribes to queue changes; returns a function that stops listening. */
  listen?: (emit: (event: LiveEvent) => void) => Promise<() => Promise<void>>;
}

export function createQueueSource(opts: QueueSourceOptions): DashboardSource & { start(): Promise<void> } {
  const { actions } = opts;
  const { redis, keys, store } = opts.queue;
  const snapshots = new Map<string, { at: number; data: Promise<Snapshot> }>();
  const listeners = new Set<(e: LiveEvent) => void>();
  let stopListening: (() => Promise<void>) | undefined;

  function snapshot(campaignId: string): Promise<Snapshot> {
    const hit = snapshots.get(campaignId);
    if (hit && Date.now() - hit.at < SNAPSHOT_MS) return hit.data;
    const data = Promise.all([
      store.getCampaignRepos(campaignId, { limit: Number.MAX_SAFE_INTEGER }),
      getPullRequestStates(redis, keys, campaignId),
    ]).then(([page, prs]) => ({ repos: page.repos, prs: new Map(prs.map((p) => [p.key, p])) }));
    snapshots.set(campaignId, { at: Date.now(), data });
    data.catch(() => snapshots.delete(campaignId));
    return data;
  }

  function toRow(r: RepoStatusRecord, synced: PullRequestStateRecord | undefined, report?: RunFacts): RepoRow {
    const facts: RunFacts = report ?? { iterations: r.iterations, tokens: r.tokens, costUsd: r.costUsd };
    const pr = prSummary(r, synced, facts);
    return {
      id: r.key,
      repo: r.name,
      state: toRepoState(r.status),
      ...(r.stage !== undefined ? { stage: r.stage } : {}),
      ...(pr ? { pr } : {}),
      ...(facts.iterations !== undefined ? { iterations: facts.iterations } : {}),
      ...(facts.tokens !== undefined ? { tokens: facts.tokens } : {}),
      ...(facts.costUsd !== undefined ? { costUsd: facts.costUsd } : {}),
      ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
      attempts: r.attempts,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      updatedAt: r.updatedAt,
    };
  }

  function waves(record: CampaignRecord, repos: RepoStatusRecord[]): WaveSummary[] {
    const doneByWave = new Map<number, number>();
    for (const r of repos) if (TERMINAL_STATUSES.has(r.status)) doneByWave.set(r.wave, (doneByWave.get(r.wave) ?? 0) + 1);
    // A paused campaign waits at its first wave not yet released; later ones are just pending.
    const held = record.state === 'paused' ? record.waves.find((w) => !w.released)?.index : undefined;
    return record.waves.map((w) => {
      let status: WaveSummary['status'];
      if (w.result) status = 'done';
      else if (record.state === 'cancelled') status = 'cancelled';
      else if (w.released) status = 'running';
      else if (w.index === held) status = 'paused';
      else status = 'pending';
      return { index: w.index, status, total: w.keys.length, done: doneByWave.get(w.index) ?? 0, ...(w.result ? { rate: w.result.rate } : {}) };
    });
  }

  async function summarize(record: CampaignRecord): Promise<CampaignSummary> {
    const [counts, { repos, prs: synced }] = await Promise.all([store.getCounts(record.id), snapshot(record.id)]);
    const mapped: Partial<Record<RepoState, number>> = {};
    for (const [status, n] of Object.entries(counts)) {
      const state = toRepoState(status as RepoStatus);
      mapped[state] = (mapped[state] ?? 0) + (n ?? 0);
    }
    const prs = { open: 0, merged: 0, closed: 0 };
    for (const r of repos) {
      const bucket = prBucket(prSummary(r, synced.get(r.key)));
      if (bucket) prs[bucket]++;
    }
    return {
      id: record.id,
      migrationId: record.migration,
      name: record.name || record.id,
      createdAt: record.createdAt,
      status: record.state,
      ...(record.reason !== undefined ? { reason: record.reason } : {}),
      total: record.total,
      counts: mapped,
      prs,
      gate: record.gate,
      waves: waves(record, repos),
    };
  }

  function emit(event: LiveEvent): void {
    if (event.campaignId) snapshots.delete(event.campaignId);
    for (const l of listeners) l(event);
  }

  return {
    async start() {
      if (opts.listen) stopListening = await opts.listen(emit);
    },
    async listCampaigns() {
      const records = await store.listCampaigns();
      return Promise.all(records.map((r) => summarize(r)));
    },
    async getCampaign(id) {
      const record = await store.getCampaign(id);
      return record ? summarize(record) : undefined;
    },
    async listRepos(campaignId, q: RepoPageQuery): Promise<RepoPage> {
      const statuses = q.state ? new Set(statusesFor(q.state)) : undefined;
      const needle = q.search?.toLowerCase();
      const { repos, prs } = await snapshot(campaignId);
      const matching = repos.filter(
        (r) => (!statuses || statuses.has(r.status)) && (!needle || r.name.toLowerCase().includes(needle) || r.repo.toLowerCase().includes(needle)),
      );
      const slice = matching.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { total: matching.length, rows: slice.map((r) => toRow(r, prs.get(r.key))) };
    },
    async getRepo(campaignId, repoId): Promise<RepoDetail | undefined> {
      const [record, synced] = await Promise.all([
        store.getRepo(campaignId, repoId),
        redis.hget(prStatesKey(keys, campaignId), repoId).then((json) => (json ? pullRequestStateRecordSchema.safeParse(JSON.parse(json)) : undefined)),
      ]);
      if (!record) return undefined;
      const run = await readRun(opts.queue, record.jobId);
      let report: RunReport | undefined;
      let reportProblem: string | undefined;
      const own = run?.report ? runReportSchema.safeParse(run.report) : undefined;
      // A follow-up run (CI round, fix, rebase, retry) is shown when it is later than the job's own run.
      const followUpRun = runReportSchema.safeParse(await followUpRunOfRepo(redis, keys, campaignId, repoId));
      const parsed = followUpRun.success && !(own?.success && own.data.startedAt > followUpRun.data.startedAt) ? followUpRun : own;
      if (parsed?.success) report = parsed.data;
      else if (parsed) {
        const first = parsed.error.issues[0];
        reportProblem = `The run finished but its report does not match this version of godwit (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}).`;
      }
      const liveLogs = report ? undefined : run?.logs;
      const facts: RunFacts | undefined = report
        ? { iterations: report.agent?.iterations.length, tokens: report.usage.totalTokens, costUsd: report.usage.costUsd, prState: report.pr?.state }
        : undefined;
      const followUp = await followUpOfRepo(redis, keys, campaignId, repoId);
      return {
        row: toRow(record, synced?.success ? synced.data : undefined, facts),
        ...(report ? { report } : {}),
        ...(liveLogs ? { liveLogs } : {}),
        ...(reportProblem ? { reportProblem } : {}),
        ...(followUp ? { followUp } : {}),
      };
    },
    async burndown(campaignId): Promise<BurndownPoint[]> {
      const record = await store.getCampaign(campaignId);
      if (!record) return [];
      const [runs, prHistory, { repos, prs }] = await Promise.all([
        store.getHistory(campaignId, 2000),
        getPullRequestHistory(redis, keys, campaignId, 2000),
        snapshot(campaignId),
      ]);
      const now = { open: 0, merged: 0, finished: 0 };
      for (const r of repos) {
        const bucket = prBucket(prSummary(r, prs.get(r.key)));
        if (bucket === 'open') now.open++;
        if (bucket === 'merged') now.merged++;
        if (TERMINAL_STATUSES.has(r.status)) now.finished++;
      }
      return burndownPoints(record.total, runs, prHistory, { ts: Date.now(), ...now });
    },
    async retryFailed(campaignId) {
      const n = await actions.retryFailed(campaignId);
      emit({ campaignId });
      return n;
    },
    async retryRepo(campaignId, repoId) {
      await actions.retryRepo(campaignId, repoId);
      emit({ campaignId, repoId });
    },
    async cancelCampaign(campaignId) {
      await actions.cancelCampaign(campaignId);
      emit({ campaignId });
    },
    async resumeCampaign(campaignId) {
      await actions.resumeCampaign(campaignId);
      emit({ campaignId });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await stopListening?.();
    },
  };
}

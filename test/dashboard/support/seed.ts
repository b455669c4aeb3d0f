/**
 * Seeds campaign records straight through the queue layer's status writer (no jobs): enough for
 * the campaign list, counts, filters and pagination. Shared by the HTTP tests and the bench.
 */
import type { QueueContext } from '../../../src/queue/context.js';
import { prHistoryKey, savePullRequestStates } from '../../../src/queue/pr-states.js';
import { createCampaign, setRepoStatus } from '../../../src/queue/status-writer.js';
import type { CampaignRecord, RepoStatus, RepoStatusRecord } from '../../../src/queue/schemas.js';

export interface SeedOptions {
  id: string;
  migration?: string;
  name?: string;
  repos: number;
  /** Status of repository i; default: a mix. */
  statusOf?: (i: number) => RepoStatus;
  waves?: number;
  /** Waves released so far (default all); repositories of later waves stay `pending`. */
  releasedWaves?: number;
  state?: CampaignRecord['state'];
  /** Default now. */
  createdAt?: Date;
}

const MIX: RepoStatus[] = ['verified', 'verified', 'verified', 'failed', 'not-applicable', 'error', 'running', 'queued', 'rate-limited', 'pending'];

export function repoName(i: number): string {
  return `acme/service-${String(i).padStart(5, '0')}`;
}

export async function seedCampaign(ctx: QueueContext, opts: SeedOptions): Promise<CampaignRecord> {
  const statusOf = opts.statusOf ?? ((i: number) => MIX[i % MIX.length]!);
  const waveCount = opts.waves ?? 1;
  const released = opts.releasedWaves ?? waveCount;
  const now = (opts.createdAt ?? new Date()).toISOString();
  const repos: RepoStatusRecord[] = Array.from({ length: opts.repos }, (_, i) => {
    const wave = Math.floor((i * waveCount) / opts.repos);
    const status = wave < released ? statusOf(i) : 'pending';
    const key = `service-${String(i).padStart(5, '0')}-${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`;
    return {
      key,
      jobId: `${opts.id}.${key}`,
      repo: `https://github.com/${repoName(i)}`,
      name: repoName(i),
      wave,
      status,
      stage: status === 'running' ? 'agent' : undefined,
      reason: status === 'failed' ? 'typecheck still red after 3 iterations' : undefined,
      pr:
        status === 'verified'
          ? { action: 'created', url: `https://github.com/${repoName(i)}/pull/${i + 1}`, number: i + 1, state: i % 7 === 0 ? 'merged' : 'open' }
          : undefined,
      attempts: 1,
      requeues: 0,
      durationMs: status === 'verified' || status === 'failed' ? 40_000 + i : undefined,
      updatedAt: now,
    };
  });
  const record: CampaignRecord = {
    id: opts.id,
    name: opts.name ?? opts.id,
    migration: opts.migration ?? 'commonjs-to-esm',
    createdAt: now,
    updatedAt: now,
    state: opts.state ?? 'running',
    total: opts.repos,
    gate: 0.8,
    waves: Array.from({ length: waveCount }, (_, w) => ({
      index: w,
      keys: repos.filter((r) => r.wave === w).map((r) => r.key),
      released: w < released,
    })),
    dryRun: false,
    install: true,
  };
  // Counts start as "pending" and each status is then written through the Lua script, so the
  // counts hash and the history are exactly what the real writer would produce.
  await createCampaign(ctx.redis, ctx.keys, record, repos.map((r) => ({ ...r, status: 'pending' as const })));
  const pipelineBatch = 200;
  for (let i = 0; i < repos.length; i += pipelineBatch) {
    await Promise.all(
      repos.slice(i, i + pipelineBatch).map((r) => (r.status === 'pending' ? Promise.resolve(true) : setRepoStatus(ctx.redis, ctx.keys, opts.id, r.key, { status: r.status }))),
    );
  }
  return record;
}

/**
 * Re-times a campaign's burndown history as if it had run for `hours` (samples spread evenly),
 * so that screenshots and chart checks have a curve instead of one instant.
 */
export async function spreadHistory(ctx: QueueContext, campaignId: string, hours: number): Promise<number> {
  const key = ctx.keys.campaignHistory(campaignId);
  const samples = (await ctx.redis.lrange(key, 0, -1)).map((j) => JSON.parse(j) as { ts: number; counts: Record<string, number> });
  if (samples.length < 2) return samples.length;
  const end = Date.now();
  const start = end - hours * 3600_000;
  const step = (end - start) / (samples.length - 1);
  const multi = ctx.redis.multi().del(key);
  samples.forEach((s, i) => multi.rpush(key, JSON.stringify({ ...s, ts: Math.round(start + i * step) })));
  await multi.exec();
  return samples.length;
}

/**
 * Writes PR-sync samples as `godwit sync` would: every verified repository has a PR, and over
 * `hours` more of them get merged. The last sync stores per-repository states with checks.
 */
export async function seedPrSyncs(ctx: QueueContext, campaignId: string, hours: number, syncs = 12): Promise<void> {
  const { repos } = await ctx.store.getCampaignRepos(campaignId, { status: 'verified', limit: Number.MAX_SAFE_INTEGER });
  const end = Date.now();
  const start = end - hours * 3600_000;
  const at = (s: number) => Math.round(start + ((end - start) * s) / syncs);
  const mergedAt = (s: number) => Math.round((repos.length * s * s) / (syncs * syncs * 3));
  const history = prHistoryKey(ctx.keys, campaignId);
  for (let s = 1; s < syncs; s++) {
    const opened = Math.round((repos.length * s) / syncs);
    await ctx.redis.rpush(history, JSON.stringify({ ts: at(s), counts: { open: opened - mergedAt(s), merged: mergedAt(s) } }));
  }
  const merged = mergedAt(syncs);
  const records = repos.map((r, i) => ({
    key: r.key,
    repo: r.name,
    branch: 'godwit/migration',
    found: true,
    ...(r.pr?.number ? { number: r.pr.number } : {}),
    ...(r.pr?.url ? { url: r.pr.url } : {}),
    state: (i < merged ? 'merged' : i % 11 === 5 ? 'closed' : 'open') as 'merged' | 'closed' | 'open',
    checks: (i % 6 === 1 ? 'failure' : i % 6 === 2 ? 'pending' : 'success') as 'failure' | 'pending' | 'success',
    syncedAt: new Date(end).toISOString(),
  }));
  await savePullRequestStates(ctx.redis, ctx.keys, campaignId, records, end - 1000);
}

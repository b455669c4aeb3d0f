/**
 * Prometheus metrics through the queue layer on a real Redis: jobs by state, per-run facts
 * from RunReports; and the dashboard's /metrics over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDashboard } from '../../src/dashboard/index.js';
import type { QueueContext } from '../../src/queue/context.js';
import { createQueueMetrics } from '../../src/queue/metrics.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { syntheticReport } from '../../src/queue/synthetic-report.js';
import { fakeRepos, fastQueueConfig, openTestContext } from '../queue/helpers.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let ctx: QueueContext;

beforeEach(async () => {
  redis = await useTestRedis();
  ctx = await openTestContext(redis);
});

afterEach(async () => {
  await ctx.close();
  await redis.cleanup();
});

describe('metrics', () => {
  it('counts waiting jobs and records stage, verifier, token, cost and PR facts of finished runs', async () => {
    await enqueueCampaign(ctx, { migration: 'm1', repos: fakeRepos(['a', 'b', 'c']), dryRun: true });
    const metrics = createQueueMetrics(ctx);
    const report = syntheticReport({ runId: 'r1', migration: 'm1', repo: 'file:///a', name: 'a', status: 'verified', reason: 'ok' });
    report.stages = [{ name: 'gate', status: 'ok', startedAt: new Date().toISOString(), durationMs: 1500 }];
    report.final = [{ kind: 'typecheck', command: 'tsc', status: 'pass', exitCode: 0, durationMs: 1200, diagnostics: [], diagnosticsTotal: 0, outputTail: '' }];
    report.usage = { requests: 2, promptTokens: 1000, completionTokens: 200, totalTokens: 1200, costUsd: 0.25 };
    report.pr = { action: 'created', branch: 'godwit/m1' };
    metrics.recordReport(report);

    const { body, contentType } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(body).toMatch(/^godwit_jobs\{state="waiting"\} 3$/m);
    expect(body).toMatch(/^godwit_runs_total\{status="verified"\} 1$/m);
    expect(body).toMatch(/^godwit_stage_duration_seconds_sum\{stage="gate"\} 1\.5$/m);
    expect(body).toMatch(/^godwit_verifier_duration_seconds_count\{kind="typecheck",phase="gate"\} 1$/m);
    expect(body).toMatch(/^godwit_llm_tokens_total\{type="prompt"\} 1000$/m);
    expect(body).toMatch(/^godwit_llm_cost_usd_total 0\.25$/m);
    expect(body).toMatch(/^godwit_pull_requests_published_total\{action="created"\} 1$/m);
  });

  it('the dashboard serves /metrics, behind its token', async () => {
    await enqueueCampaign(ctx, { migration: 'm2', repos: fakeRepos(['x', 'y']), dryRun: true });
    const token = 'dashboard-token-for-metrics';
    const dashboard = await startDashboard({ config: { ...fastQueueConfig(), redisUrl: redis.url, dashboard: { host: '127.0.0.1', port: 0, token } }, port: 0, queue: ctx });
    try {
      expect((await fetch(`${dashboard.url}metrics`)).status).toBe(401);
      const res = await fetch(`${dashboard.url}metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^godwit_jobs\{state="waiting"\} 2$/m);
    } finally {
      await dashboard.close();
    }
  });
});

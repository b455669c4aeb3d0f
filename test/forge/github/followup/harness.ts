/**
 * Shared setup of the follow-up tests: the fake GitHub, a real Redis namespace and queue
 * context, a campaign whose repository already has godwit's PR (opened by the real pipeline),
 * the webhook receiver (`godwit webhooks`' server) and the follow-up worker. Time is injected.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'bullmq';
import type { Project } from 'ts-morph';
import { loadMigrationDefinition } from '../../../../src/catalog/registry.js';
import type { LoadedMigration } from '../../../../src/catalog/definition.js';
import { configSchema, type GodwitConfig, type GodwitConfigInput } from '../../../../src/config/schema.js';
import { GithubForge } from '../../../../src/forge/github/forge.js';
import { runJob } from '../../../../src/pipeline/index.js';
import { openQueueContext, type QueueContext } from '../../../../src/queue/context.js';
import { createFollowUpDeps } from '../../../../src/queue/followup-deps.js';
import { createFollowUpEnqueuer, type FollowUpEnqueuer } from '../../../../src/queue/followup-queue.js';
import { readFollowUp } from '../../../../src/queue/followup-store.js';
import { startFollowUpWorker } from '../../../../src/queue/followup-worker.js';
import { startWebhookServer, type WebhookServer } from '../../../../src/queue/webhook-receiver.js';
import type { FollowUpRecord } from '../../../../src/report/run-report.js';
import { GODWIT_ROOT } from '../../../support/fixture-repo.js';
import { FakeGithub } from '../../../support/fake-github/server.js';
import { useTestRedis, type TestRedis } from '../../../support/redis.js';
import { FAST, PLANTED_TOKEN } from '../helpers.js';

export const SECRET = 'webhook-secret-for-tests';

export interface Harness {
  fake: FakeGithub;
  redis: TestRedis;
  ctx: QueueContext;
  config: GodwitConfig;
  migration: LoadedMigration;
  webhook: WebhookServer;
  enqueuer: FollowUpEnqueuer;
  worker: Worker;
  root: string;
  /** The injected clock. */
  clock: { now: Date };
  campaignId: string;
  followUp(repo: string, number: number): Promise<FollowUpRecord | undefined>;
  /** Creates the repository, registers it with the campaign and opens godwit's PR through runJob. */
  addRepoWithPr(name: string, files: Record<string, string>): Promise<{ repo: string; number: number; key: string }>;
  stop(): Promise<void>;
}

export function greetingMigration(extra: Record<string, unknown> = {}): LoadedMigration {
  return loadMigrationDefinition(
    {
      id: 'greeting-hi',
      title: 'Say hi instead of hello',
      description: 'Style.',
      codemod: (project: Project) => {
        for (const file of project.getSourceFiles()) file.replaceWithText(file.getFullText().replaceAll('Hello', 'Hi'));
      },
      verify: { typecheck: false, lint: false, test: false, requireGreenBaseline: false, allowUnverified: true },
      pr: { title: 'Say hi', labels: ['godwit'] },
      ...extra,
    },
    undefined,
  );
}

export async function startHarness(options: { config?: Partial<GodwitConfigInput>; migration?: LoadedMigration; fake?: { token?: string } } = {}): Promise<Harness> {
  const fake = await FakeGithub.start({ token: options.fake?.token ?? PLANTED_TOKEN });
  const redis = await useTestRedis();
  // Clones live under a folder whose node_modules is godwit's, so fixture repositories find tsc.
  const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-followup-'));
  symlinkSync(path.join(GODWIT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  mkdirSync(path.join(root, 'work'));
  const config = configSchema.parse({
    workdir: path.join(root, 'work'),
    github: { token: PLANTED_TOKEN, apiUrl: fake.apiUrl, webhookSecret: SECRET },
    queue: { namespace: redis.namespace },
    ...options.config,
  });
  const migration = options.migration ?? greetingMigration();
  const ctx = await openQueueContext({ url: redis.url, namespace: redis.namespace, config });
  const clock = { now: new Date('2026-03-02T10:00:00Z') }; // a Monday
  const deps = createFollowUpDeps(ctx, config, {
    runJob,
    loadMigration: async () => migration,
    forgeOptions: { clientOptions: FAST },
    now: () => clock.now,
  });
  const worker = startFollowUpWorker(ctx, deps, 1);
  const enqueuer = createFollowUpEnqueuer(redis.url, ctx.keys, 1);
  const webhook = await startWebhookServer({ secret: SECRET, redis: ctx.redis, keys: ctx.keys, enqueuer }, '127.0.0.1', 0);
  const campaignId = 'greeting-campaign';
  const now = new Date().toISOString();
  await ctx.redis.set(
    ctx.keys.campaign(campaignId),
    JSON.stringify({ id: campaignId, name: campaignId, migration: migration.definition.id, createdAt: now, updatedAt: now, state: 'done', total: 0, gate: 0, waves: [], dryRun: false, install: false }),
  );
  await ctx.redis.zadd(ctx.keys.campaigns, Date.now(), campaignId);
  const forge = new GithubForge(config, { clientOptions: FAST });

  return {
    fake,
    redis,
    ctx,
    config,
    migration,
    webhook,
    enqueuer,
    worker,
    root,
    clock,
    campaignId,
    followUp: (repo, number) => readFollowUp(ctx.redis, ctx.keys, repo, number),
    async addRepoWithPr(name, files) {
      fake.addRepo({ owner: 'acme', name, files });
      const repo = `acme/${name}`;
      const report = await runJob({ migration, repo, config, forge, install: false });
      if (!report.pr?.number) throw new Error(`could not open the PR: ${report.status} ${report.reason}`);
      const key = `${name}-key`;
      await ctx.redis.hset(
        ctx.keys.campaignRepos(campaignId),
        key,
        JSON.stringify({
          key,
          jobId: `${campaignId}.${key}`,
          repo,
          name: repo,
          wave: 0,
          status: 'verified',
          reason: report.reason,
          pr: { action: report.pr.action, url: report.pr.url, number: report.pr.number, state: report.pr.state, branch: report.pr.branch },
          attempts: 1,
          requeues: 0,
          updatedAt: now,
        }),
      );
      await ctx.redis.hincrby(ctx.keys.campaignCounts(campaignId), 'verified', 1);
      return { repo, number: report.pr.number, key };
    },
    async stop() {
      await webhook.close();
      await worker.close();
      await enqueuer.close();
      await redis.cleanup();
      await ctx.close();
      await fake.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

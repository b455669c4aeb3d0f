/**
 * Shared setup of the follow-up tests: the fake GitHub, a real Redis namespace and queue
 * context, a campaign whose repository already has godwit's PR (opened by the real pipeline),
 * the webhook receiver (`godwit webhooks`' server) and the follow-up worker. Time is injected.
 * `auth: 'app'` runs everything as a GitHub App (a fresh RSA key, installation tokens minted by
 * the fake); `leaks()` then looks for the key and the tokens in every output godwit makes.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, type Worker } from 'bullmq';
import type { Project } from 'ts-morph';
import { loadMigrationDefinition } from '../../../../src/catalog/registry.js';
import type { LoadedMigration } from '../../../../src/catalog/definition.js';
import { configSchema, type GodwitConfig, type GodwitConfigInput } from '../../../../src/config/schema.js';
import { startDashboard, type RunningDashboard } from '../../../../src/dashboard/index.js';
import { GithubForge, type GithubForgeOptions } from '../../../../src/forge/github/forge.js';
import { runJob } from '../../../../src/pipeline/index.js';
import { openQueueContext, type QueueContext } from '../../../../src/queue/context.js';
import { createFollowUpDeps } from '../../../../src/queue/followup-deps.js';
import { bullConnection } from '../../../../src/queue/connection.js';
import type { FollowUpOutcome } from '../../../../src/queue/followup/handle.js';
import { createFollowUpEnqueuer, FOLLOWUP_QUEUE, type FollowUpEnqueuer } from '../../../../src/queue/followup-queue.js';
import { readFollowUp } from '../../../../src/queue/followup-store.js';
import { syncCampaignPullRequests } from '../../../../src/queue/pr-sync-job.js';
import { startFollowUpWorker } from '../../../../src/queue/followup-worker.js';
import { startWebhookServer, type WebhookServer } from '../../../../src/queue/webhook-receiver.js';
import type { FollowUpRecord } from '../../../../src/report/run-report.js';
import { filesUnder } from '../../../support/files.js';
import { GODWIT_ROOT } from '../../../support/fixture-repo.js';
import { FakeGithub } from '../../../support/fake-github/server.js';
import { useTestRedis, type TestRedis } from '../../../support/redis.js';
import { FAST, PLANTED_TOKEN } from '../helpers.js';

export const SECRET = 'webhook-secret-for-tests';
export const APP_ID = 4242;
export const INSTALLATION_ID = 77;

export type AuthMode = 'token' | 'app';

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
  auth: AuthMode;
  /** The worker's log lines. */
  logs: string[];
  followUp(repo: string, number: number): Promise<FollowUpRecord | undefined>;
  /**
   * Creates the repository (from `files`, or a copy of the template `fromDir`), registers it with
   * the campaign and opens godwit's PR through runJob.
   */
  addRepoWithPr(name: string, files: Record<string, string>, options?: { fromDir?: string }): Promise<{ repo: string; number: number; key: string }>;
  /** Delivers a signed webhook for the PR and waits until the follow-up jobs it queued finished. */
  deliver(event: 'check_suite' | 'pull_request' | 'pull_request_review', args: { repo: string; pull: number; action?: string; conclusion?: string; review?: { user: string; state: string } }): Promise<FollowUpOutcome[]>;
  /** Queues a poll of the PR (as `godwit sync` does where no webhook reaches godwit) and waits for it. */
  poll(repo: string, number: number): Promise<FollowUpOutcome>;
  /** `godwit sync`'s PR sync with follow-ups on: queues a poll per open PR; waits for them. */
  sync(): Promise<FollowUpOutcome[]>;
  /** Overrides the campaign's follow-up policy (the campaign record's `policy`). */
  setPolicy(policy: Record<string, unknown>): Promise<void>;
  /** The dashboard's repository page (real server over HTTP) of a campaign repository. */
  repositoryPage(key: string): Promise<string>;
  /** The secrets of this harness (token, App private key, minted installation tokens). */
  secrets(): string[];
  /** Where a secret appears: Redis values, PR titles/bodies, comments, logs, files under the workdir. */
  leaks(): Promise<string[]>;
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

/** A new RSA key pair for the App; the private key's PEM is what must never leak. */
function appKeys(root: string): { privateKeyFile: string; privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  mkdirSync(path.join(root, 'keys'));
  const privateKeyFile = path.join(root, 'keys', 'app.pem');
  writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
  return { privateKeyFile, privateKey, publicKey };
}


export interface HarnessOptions {
  config?: Partial<GodwitConfigInput>;
  migration?: LoadedMigration;
  fake?: { token?: string };
  auth?: AuthMode;
  /** Told what happened to the review requests of each PR `addRepoWithPr` opens. */
  onReviewers?: GithubForgeOptions['onReviewers'];
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const auth = options.auth ?? 'token';
  const fake = await FakeGithub.start({ token: options.fake?.token ?? PLANTED_TOKEN });
  const redis = await useTestRedis();
  // Clones live under a folder whose node_modules is godwit's, so fixture repositories find tsc.
  const root = mkdtempSync(path.join(os.tmpdir(), 'godwit-followup-'));
  symlinkSync(path.join(GODWIT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  mkdirSync(path.join(root, 'work'));
  const keys = auth === 'app' ? appKeys(root) : undefined;
  if (keys) fake.enableApp(APP_ID, keys.publicKey, { acme: INSTALLATION_ID });
  const { github: githubOverrides, queue: queueOverrides, ...configOverrides } = options.config ?? {};
  const config = configSchema.parse({
    workdir: path.join(root, 'work'),
    github: {
      ...(keys ? { app: { id: APP_ID, privateKeyFile: keys.privateKeyFile } } : { token: PLANTED_TOKEN }),
      apiUrl: fake.apiUrl,
      webhookSecret: SECRET,
      ...(githubOverrides as object | undefined),
    },
    queue: { ...(queueOverrides as object | undefined), namespace: redis.namespace },
    ...configOverrides,
  });
  const logs: string[] = [];
  const repos: string[] = [];
  const keysOfRepos: string[] = [];
  let dashboard: RunningDashboard | undefined;
  const migration = options.migration ?? greetingMigration();
  const ctx = await openQueueContext({ url: redis.url, namespace: redis.namespace, config });
  const clock = { now: new Date('2026-03-02T10:00:00Z') }; // a Monday
  const deps = createFollowUpDeps(ctx, config, {
    runJob,
    loadMigration: async () => migration,
    forgeOptions: { clientOptions: FAST },
    now: () => clock.now,
    log: (line) => logs.push(line),
  });
  const worker = startFollowUpWorker(ctx, deps, 1);
  const enqueuer = createFollowUpEnqueuer(redis.url, ctx.keys, 1);
  const queue = new Queue(FOLLOWUP_QUEUE, { connection: bullConnection(redis.url), prefix: ctx.keys.bullPrefix });

  async function repositoryPage(key: string): Promise<string> {
    dashboard ??= await startDashboard({ config, host: '127.0.0.1', port: 0, queue: ctx });
    const res = await fetch(new URL(`/c/${encodeURIComponent(campaignId)}/r/${encodeURIComponent(key)}`, dashboard.url));
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status} for ${key}`);
    return res.text();
  }

  function secrets(): string[] {
    const out = [PLANTED_TOKEN, ...fake.mintedTokens];
    if (keys) {
      out.push(keys.privateKey.trim());
      // Any 64-character line of the key's base64 body betrays it, even in a partial dump.
      out.push(...keys.privateKey.split('\n').filter((l) => l.length === 64));
    }
    return out;
  }

  /** Waits for follow-up jobs (by id) to finish; a failed job fails the test with its reason. */
  async function finished(ids: string[], timeoutMs = 240_000): Promise<FollowUpOutcome[]> {
    const until = Date.now() + timeoutMs;
    const out: FollowUpOutcome[] = [];
    for (const id of ids) {
      for (;;) {
        const state = await queue.getJobState(id);
        if (state === 'completed' || state === 'failed') {
          // Read after the state: a job read while active has no return value yet.
          const job = (await queue.getJob(id))!;
          if (state === 'failed') throw new Error(`follow-up job ${id} failed: ${job.failedReason}`);
          out.push(job.returnvalue as FollowUpOutcome);
          break;
        }
        if (Date.now() > until) throw new Error(`follow-up job ${id} did not finish in ${timeoutMs} ms (state ${state})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return out;
  }
  const webhook = await startWebhookServer({ secret: SECRET, redis: ctx.redis, keys: ctx.keys, enqueuer }, '127.0.0.1', 0);
  const campaignId = 'greeting-campaign';
  const now = new Date().toISOString();
  await ctx.redis.set(
    ctx.keys.campaign(campaignId),
    JSON.stringify({ id: campaignId, name: campaignId, migration: migration.definition.id, createdAt: now, updatedAt: now, state: 'done', total: 0, gate: 0, waves: [], dryRun: false, install: false }),
  );
  await ctx.redis.zadd(ctx.keys.campaigns, Date.now(), campaignId);
  const forge = new GithubForge(config, { clientOptions: FAST, ...(options.onReviewers ? { onReviewers: options.onReviewers } : {}) });

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
    auth,
    logs,
    followUp: (repo, number) => readFollowUp(ctx.redis, ctx.keys, repo, number),
    async deliver(event, args) {
      const payload = fake.webhookPayload(event, args);
      const res = await fake.deliver(webhook.url, SECRET, event, payload, { deliveryId: randomUUID() });
      if (res.status !== 202) throw new Error(`webhook ${event} answered ${res.status}: ${res.body}`);
      const jobs = (JSON.parse(res.body) as { jobs: number }).jobs;
      return finished(Array.from({ length: jobs }, (_, i) => `fu.${res.deliveryId}.${i}`));
    },
    async poll(repo, number) {
      const id = `poll-${randomUUID()}`;
      await enqueuer.enqueue(id, [{ kind: 'poll', repo, number }]);
      return (await finished([`fu.${id}.0`]))[0]!;
    },
    async sync() {
      const result = await syncCampaignPullRequests({ redis: ctx.redis, keys: ctx.keys, store: ctx.store, config, clientOptions: FAST, followUps: enqueuer }, campaignId);
      const errors = result.records.filter((r) => r.error);
      if (errors.length) throw new Error(`sync failed: ${JSON.stringify(errors)}`);
      return finished(result.followUps.map((id) => `fu.${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.0`));
    },
    async setPolicy(policy) {
      const raw = await ctx.redis.get(ctx.keys.campaign(campaignId));
      await ctx.redis.set(ctx.keys.campaign(campaignId), JSON.stringify({ ...JSON.parse(raw!), policy }));
    },
    repositoryPage,
    secrets,
    async leaks() {
      const secretList = secrets();
      const found: string[] = [];
      const look = (where: string, text: string | null | undefined): void => {
        if (!text) return;
        for (const s of secretList) if (text.includes(s)) found.push(`${where}: ${s.slice(0, 12)}…`);
      };
      for (const key of await ctx.redis.keys('*')) {
        const type = await ctx.redis.type(key);
        if (type === 'string') look(`redis ${key}`, await ctx.redis.get(key));
        else if (type === 'hash') look(`redis ${key}`, JSON.stringify(await ctx.redis.hgetall(key)));
        else if (type === 'list') look(`redis ${key}`, (await ctx.redis.lrange(key, 0, -1)).join('\n'));
        else if (type === 'set') look(`redis ${key}`, (await ctx.redis.smembers(key)).join('\n'));
        else if (type === 'zset') look(`redis ${key}`, (await ctx.redis.zrange(key, '0', '-1')).join('\n'));
        else if (type === 'stream') look(`redis ${key}`, JSON.stringify(await ctx.redis.xrange(key, '-', '+')));
      }
      for (const c of fake.comments) look(`comment ${c.repo}#${c.issue}`, c.body);
      for (const r of repos.flatMap((n) => fake.pullsOf(n))) look(`PR ${r.repo}#${r.number}`, `${r.title}\n${r.body ?? ''}`);
      for (const r of fake.requests) look(`request ${r.method} ${r.path}`, JSON.stringify(r.body ?? ''));
      look('worker log', logs.join('\n'));
      for (const key of keysOfRepos) look(`dashboard page ${key}`, await repositoryPage(key));
      for (const file of await filesUnder(path.join(root, 'work'), { maxBytes: 5_000_000 })) look(`file ${path.relative(root, file)}`, readFileSync(file, 'latin1'));
      // Every commit and ref of every repository on the fake (git objects are compressed: ask git).
      for (const bare of (await filesUnder(fake.root)).filter((f) => /\.git\/HEAD$/.test(f)).map((f) => path.dirname(f))) {
        look(`git ${path.relative(fake.root, bare)}`, execFileSync('git', ['log', '--all', '-p', '--format=%H %an <%ae> %s%n%b'], { cwd: bare, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
      }
      return found;
    },
    async addRepoWithPr(name, files, opts = {}) {
      fake.addRepo({ owner: 'acme', name, files, ...(opts.fromDir ? { fromDir: opts.fromDir } : {}) });
      const repo = `acme/${name}`;
      repos.push(repo);
      const report = await runJob({ migration, repo, config, forge, install: false });
      if (!report.pr?.number) throw new Error(`could not open the PR: ${report.status} ${report.reason}`);
      const key = `${name}-key`;
      keysOfRepos.push(key);
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
      await dashboard?.close();
      await queue.close();
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

/**
 * GitHub faults against the fake GitHub (real HTTP, responses validated against GitHub's
 * OpenAPI description) through the fleet (real Redis, real BullMQ worker) and runJob: 502s and
 * secondary rate limits are waited out; a repository deleted or archived between enqueue and
 * run ends `error` with a clear reason and is not retried in a loop; a branch protected against
 * force-push ends `error` (push-failed) with a hint, the existing PR untouched, no token leaked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, type GodwitConfig } from '../../src/config/schema.js';
import { GithubForge } from '../../src/forge/github/forge.js';
import { runJob } from '../../src/pipeline/run-job.js';
import type { QueueContext } from '../../src/queue/context.js';
import { enqueueCampaign } from '../../src/queue/producer.js';
import { resolveRepoSources } from '../../src/queue/repo-list.js';
import { startWorker, type GodwitWorker } from '../../src/queue/worker.js';
import { FakeGithub, secondaryRateLimit } from '../support/fake-github/server.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { FAST } from '../forge/github/helpers.js';
import { openTestContext, waitForCampaign } from '../queue/helpers.js';
import { codemodMigration, PLANTED_GITHUB_TOKEN, runFolders, textCodemod } from './helpers.js';

let fake: FakeGithub;
let workdir: string;
let config: GodwitConfig;
let redis: TestRedis;
let ctx: QueueContext;
let worker: GodwitWorker | undefined;

const GREET = { 'src/greet.ts': "export const greet = (n: string): string => `Hello ${n}`;\n" };

beforeAll(async () => {
  fake = await FakeGithub.start({ token: PLANTED_GITHUB_TOKEN });
  workdir = mkdtempSync(path.join(os.tmpdir(), 'godwit-resilience-gh-'));
  config = configSchema.parse({
    workdir,
    github: { token: PLANTED_GITHUB_TOKEN, apiUrl: fake.apiUrl },
    queue: { attempts: 3, backoffMs: 50, stalledIntervalMs: 1000, lockDurationMs: 10_000, completedRetentionSeconds: 3600 },
  });
  redis = await useTestRedis();
  ctx = await openTestContext(redis, config);
});

// A worker a test starts is closed after it, pass or fail, before the next test runs.
afterEach(async () => {
  await worker?.close(true);
  worker = undefined;
});

afterAll(async () => {
  await ctx?.close();
  await redis?.cleanup();
  await fake?.stop();
  rmSync(workdir, { recursive: true, force: true });
});

const forge = () => new GithubForge(config, { clientOptions: FAST });

describe('GitHub faults', () => {
  it('fleet: 502s and secondary rate limits are waited out; a repository deleted or archived after enqueue ends error, once', async () => {
    for (const name of ['flaky', 'limited', 'gone', 'frozen']) fake.addRepo({ owner: 'octo', name, files: GREET });
    const migration = codemodMigration();
    const { repos, invalid } = resolveRepoSources(['octo/flaky', 'octo/limited', 'octo/gone', 'octo/frozen'].map((text) => ({ origin: '--repo', text, cwd: workdir })), {
      githubApiUrl: config.github.apiUrl,
    });
    expect(invalid).toEqual([]);
    const { campaignId } = await enqueueCampaign(ctx, { migration: 'say-hi', repos, install: false });

    // Between enqueue and run: faults, a deletion and an archival.
    fake.fail({ path: /^\/repos\/octo\/flaky$/, status: 502, times: 2 });
    fake.fail({ method: 'POST', path: /^\/repos\/octo\/flaky\/pulls$/, status: 502, times: 1 });
    fake.fail(secondaryRateLimit(1, 1, /^\/repos\/octo\/limited\/pulls$/, 'POST'));
    fake.fail({ path: /^\/repos\/octo\/gone(\/.*)?$/, status: 404, times: 1000, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } });
    rmSync(fake.repo('octo/gone').barePath, { recursive: true, force: true });
    fake.repo('octo/frozen').archived = true;

    worker = startWorker({ ctx, config, runJob, loadMigration: () => Promise.resolve(migration), forge: forge() });
    await waitForCampaign(ctx, campaignId, undefined, 120_000);
    const byName = Object.fromEntries((await ctx.store.getCampaignRepos(campaignId)).repos.map((r) => [r.name, r]));

    expect(byName['octo/flaky']?.status, byName['octo/flaky']?.reason ?? '').toBe('unverified');
    expect(byName['octo/limited']?.status, byName['octo/limited']?.reason ?? '').toBe('unverified');
    expect(fake.pullsOf('octo/flaky')).toHaveLength(1);
    expect(fake.pullsOf('octo/limited')).toHaveLength(1);

    expect(byName['octo/gone']?.status).toBe('error');
    expect(byName['octo/gone']?.reason).toMatch(/not found/i);
    expect(byName['octo/gone']?.reason).toContain('octo/gone');
    expect(byName['octo/gone']?.attempts).toBe(1); // a usage error is not retried
    expect(byName['octo/frozen']?.status).toBe('error');
    expect(byName['octo/frozen']?.reason).toMatch(/archived/);
    expect(byName['octo/frozen']?.attempts).toBe(1); // refused in prepare: no clone, no retries
    expect(byName['octo/frozen']?.stage).toBe('prepare');
    expect(fake.branchSha('octo/frozen', 'godwit/say-hi')).toBeUndefined();
    expect(fake.pullsOf('octo/frozen')).toHaveLength(0);

    const everything = JSON.stringify(byName) + JSON.stringify(await Promise.all(Object.values(byName).map(async (r) => (await ctx.repoQueue.getJobLogs(r!.jobId)).logs)));
    expect(everything).not.toContain(PLANTED_GITHUB_TOKEN);
    expect(fake.violations).toEqual([]);
    expect(runFolders(workdir)).toEqual([]);
  });

  it('a branch protected against force-push: error push-failed with a hint, the PR keeps its head, no token in the reason', async () => {
    const repo = fake.addRepo({ owner: 'octo', name: 'protected', files: GREET });
    const first = await runJob({ migration: codemodMigration(), repo: 'octo/protected', config, forge: forge(), install: false });
    expect(first.status, first.reason).toBe('unverified');
    const head = fake.branchSha('octo/protected', 'godwit/say-hi');
    expect(head).toBeDefined();

    // Branch protection: no non-fast-forward updates (what "force-push disabled" does on GitHub).
    execFileSync('git', ['config', '--file', path.join(repo.barePath, 'config'), 'receive.denyNonFastForwards', 'true']);
    const second = await runJob({ migration: codemodMigration({ codemod: textCodemod('Hello', 'Hey') }), repo: 'octo/protected', config, forge: forge(), install: false });
    expect(second.status).toBe('error');
    expect(second.error?.code).toBe('push-failed');
    expect(second.error?.hint).toMatch(/protected/);
    expect(second.reason).not.toContain(PLANTED_GITHUB_TOKEN);
    expect(fake.branchSha('octo/protected', 'godwit/say-hi')).toBe(head);
    expect(fake.pullsOf('octo/protected')).toHaveLength(1);
    expect(runFolders(workdir)).toEqual([]);
  });
});

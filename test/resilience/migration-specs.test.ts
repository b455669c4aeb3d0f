/**
 * Hostile migration specs: an invalid schema, unknown fields, a missing prompt file → a clear
 * migration-invalid error (exit 2) naming the key, before anything is cloned or enqueued; a
 * codemod that throws → the run ends `error` (codemod-failed) with its message, nothing is
 * published and the workspace is removed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadMigrationDefinition } from '../../src/catalog/registry.js';
import { GodwitError } from '../../src/errors.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { createTestEnv, git, type TestEnv } from '../support/fixture-repo.js';
import { useTestRedis, type TestRedis } from '../support/redis.js';
import { codemodMigration, greetingRepo, runFolders } from './helpers.js';

let env: TestEnv;
let redis: TestRedis;
let repo: string;

beforeAll(async () => {
  env = createTestEnv();
  redis = await useTestRedis();
  repo = greetingRepo(path.join(env.root, 'repo'));
});
afterAll(async () => {
  await redis?.cleanup();
  env?.cleanup();
});

const VALID = {
  id: 'spec-test',
  title: 'Spec test',
  description: 'd',
  codemod: () => {},
  pr: { title: 'Spec test' },
};

function loadError(input: unknown): GodwitError {
  try {
    loadMigrationDefinition(input, undefined);
  } catch (e) {
    return e as GodwitError;
  }
  throw new Error('expected the definition to be refused');
}

async function godwit(args: string[], envVars: Record<string, string>): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(envVars)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const code = await main(['node', 'godwit', ...args], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), isTTY: false });
    return { code, out: out.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function namespaceKeys(): Promise<string[]> {
  const client = new Redis(redis.url);
  try {
    return await client.keys(`*${redis.namespace}*`);
  } finally {
    client.disconnect();
  }
}

describe('hostile migration specs', () => {
  it('an invalid schema names the key and says what to do', () => {
    const e = loadError({ ...VALID, title: 42, verify: { typecheck: 'yes' } });
    expect(e).toBeInstanceOf(GodwitError);
    expect(e.code).toBe('migration-invalid');
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/title/);
    expect(e.message).toMatch(/verify\.typecheck/);
    expect(e.hint).toMatch(/docs\/writing-a-migration\.md/);
  });

  it('unknown fields are refused, not ignored', () => {
    const top = loadError({ ...VALID, runAsRoot: true });
    expect(top.code).toBe('migration-invalid');
    expect(top.message).toMatch(/runAsRoot/);
    const nested = loadError({ ...VALID, scope: { include: ['src/**'], allowEverything: true } });
    expect(nested.message).toMatch(/allowEverything/);
  });

  it('a missing prompt file is refused at load time with the path to create', () => {
    const e = loadError({ ...VALID, codemod: undefined, prompt: path.join(env.root, 'missing-prompt.md') });
    expect(e.code).toBe('migration-invalid');
    expect(e.message).toMatch(/missing-prompt\.md does not exist/);
    expect(e.hint).toMatch(/Create .*missing-prompt\.md/);
  });

  it('godwit run --prompt-file with a missing file exits 2 and clones nothing', async () => {
    const { code, out } = await godwit(['run', repo, '--prompt-file', path.join(env.root, 'nope.md'), '--no-install'], { GODWIT_WORKDIR: env.workdir });
    expect(code).toBe(2);
    expect(out).toMatch(/nope\.md/);
    expect(runFolders(env.workdir)).toEqual([]);
    expect(git(repo, 'branch', '--list', 'godwit/*')).toBe('');
  });

  it('godwit enqueue of an unknown or broken migration exits 2 and writes nothing to Redis', async () => {
    const envVars = { REDIS_URL: redis.url, GODWIT_QUEUE_NAMESPACE: redis.namespace, GODWIT_WORKDIR: env.workdir };
    const unknown = await godwit(['enqueue', 'no-such-migration', '--repo', repo], envVars);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/Unknown migration "no-such-migration"/);
    const badRepos = path.join(env.root, 'repos.txt');
    writeFileSync(badRepos, `${repo}\n--upload-pack=touch /tmp/x\n`);
    const invalidRepo = await godwit(['enqueue', 'node-protocol-imports', '--repos', badRepos], envVars);
    expect(invalidRepo.code).toBe(2);
    expect(invalidRepo.out).toMatch(/repos\.txt:2: .*nothing was enqueued|nothing was enqueued[\s\S]*repos\.txt:2:/);
    expect(await namespaceKeys()).toEqual([]);
  });

  it('a codemod that throws ends the run `error` (codemod-failed) with its message; nothing published, workspace removed', async () => {
    const migration = codemodMigration({
      codemod: () => {
        throw new TypeError('cannot read properties of undefined (reading "getText")');
      },
    });
    const report = await runJob({ migration, repo, config: env.config, install: false });
    expect(report.status).toBe('error');
    expect(report.error?.code).toBe('codemod-failed');
    expect(report.reason).toMatch(/reading "getText"/);
    expect(report.stages.find((s) => s.name === 'codemod')?.status).toBe('error');
    expect(report.pr).toBeUndefined();
    expect(git(repo, 'branch', '--list', 'godwit/*')).toBe('');
    expect(runFolders(env.workdir)).toEqual([]);
  });
});

/**
 * The codemod → agent handoff, per catalog migration: on a small real git repository holding a
 * construct the migration's codemod cannot translate exactly,
 *   1. `godwit context <id> <repo> --json` (the real command, in process) lists that construct
 *      as a leftover site with the codemod's reason — what the agent would be given;
 *   2. the real pipeline (runJob, dry run, no install) runs the codemod, hands the same site to
 *      the agent (it is in the first request to the scripted OpenAI-compatible server, whose
 *      scripted edit finishes it), and the real gate — the repository's own typecheck and
 *      tests, baseline vs after, and the guards — ends the run `verified`.
 * Each fixture is built once (git, no install: its tools come from godwit's node_modules through
 * the test env's `node_modules` link, fixture-repo.ts) and copied per run. No fixture has a
 * lockfile, so the migrations' package changes regenerate nothing and need no registry.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMigration } from '../../src/catalog/registry.js';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import { configSchema } from '../../src/config/schema.js';
import { runJob } from '../../src/pipeline/run-job.js';
import { runReportSchema } from '../../src/report/run-report.js';
import { SECRET_KEY } from '../agent/fixtures.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { copyFixture, createTestEnv, writeFixtureRepo, type TestEnv } from '../support/fixture-repo.js';
import { SCENARIOS } from './leftover-fixtures.js';

// Two runs of real tsc / vitest / jest per migration on a shared machine.
vi.setConfig({ testTimeout: 240_000 });

let env: TestEnv;
const templates = new Map<string, string>();
const fake = useFakeOpenAI();

beforeAll(() => {
  env = createTestEnv();
  for (const s of SCENARIOS) {
    templates.set(
      s.id,
      writeFixtureRepo(path.join(env.root, `template-${s.id}`), {
        name: `leftover-${s.id}`,
        builtinImports: false,
        eslint: false,
        // No lockfile: the migration's package changes need no registry (nothing to regenerate).
        files: { 'package-lock.json': null, ...s.files },
        packageJson: s.packageJson,
      }),
    );
  }
});
afterAll(() => env.cleanup());

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTTY: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

interface ContextJson {
  mode: string;
  left: number;
  sites: Array<{ file: string; line: number; column: number; kind: string; reason?: string }>;
}

describe.each(SCENARIOS)('$id: an untranslatable construct goes to the agent', (s) => {
  it(`${s.construct}: a leftover site in \`godwit context --json\`, finished by the agent to verified`, async () => {
    const template = templates.get(s.id)!;
    const io = capture();
    expect(await main(['node', 'godwit', 'context', s.id, template, '--json'], io), io.err.join('\n')).toBe(0);
    const context = JSON.parse(io.out.join('\n')) as ContextJson;
    expect(context.mode).toBe('after-codemod');
    const site = context.sites.find((x) => x.file === s.site.file && x.line === s.site.line);
    expect(site, JSON.stringify(context.sites, null, 2)).toBeDefined();
    expect(site!.reason).toMatch(s.site.reason);

    fake.enqueue(reply.tools([...s.finish, { name: 'finish', arguments: { report: `Finished the site the codemod left in ${s.site.file}.` } }]));
    // The judge (where the migration has one) and any later request: a passing verdict.
    fake.onRequest(() => reply.text('{"verdict": "pass", "reasons": ["the leftover site is finished"]}'));
    const config = configSchema.parse({
      ...env.config,
      llm: { baseUrl: fake.baseUrl, apiKey: SECRET_KEY, model: 'fake-model', maxRetries: 1, timeoutMs: 20_000 },
    });
    const repo = copyFixture(template, env);
    const report = runReportSchema.parse(await runJob({ migration: await getMigration(s.id), repo, config, dryRun: true, install: false }));
    const stages = report.stages.map((x) => `${x.name}:${x.status}`);
    expect(report.status, `${report.reason}\n${stages.join(' ')}\n${JSON.stringify([report.baseline, report.final, report.guards], null, 1).slice(0, 6000)}`).toBe('verified');
    expect(stages).toEqual(expect.arrayContaining(['codemod:ok', 'agent:ok', 'gate:ok']));
    // The same site went to the agent: in the report and in the model's first request.
    expect(report.sites?.leftovers).toEqual(expect.arrayContaining([expect.objectContaining({ file: s.site.file, line: s.site.line })]));
    const first = fake.chatRequests[0]!.body.messages.map((m) => String(m.content ?? '')).join('\n');
    expect(first).toContain(`${s.site.file}:${s.site.line}`);
    // The real gate ran the repository's checks on the finished tree.
    expect(report.final.length).toBeGreaterThan(0);
    expect(report.final.every((r) => r.status === 'pass'), JSON.stringify(report.final)).toBe(true);
    for (const text of s.diffHas) expect(report.diff).toContain(text);
  });
});

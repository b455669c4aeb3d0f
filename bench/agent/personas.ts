/**
 * bench/agent: every model persona (test/support/fake-openai/personas) against the agent case
 * (test/support/persona-case.ts) through the real pipeline — runJob, the scripted endpoint
 * over HTTP, real tsc and vitest — twice: with history pruning (the default) and with every
 * old tool result resent (`agent.pruneHistory: false`).
 *
 * Per persona: solved (expected verified, verified with exactly the solution), failed-correctly
 * (expected failed, failed with the behaviour named), wrong-verified (verified with a wrong
 * change: always a defect), missed (anything else), and prompt tokens. Then prompt tokens per
 * solved job with and without pruning. Exits 1 on any wrong-verified, a different solved count,
 * or a reduction under 30%.
 *
 *   npx tsx bench/agent/personas.ts [--only stale-search,looper]
 */
import { PERSONAS, type PersonaName, type PersonaSpec } from '../../test/support/fake-openai/personas/index.js';
import { forgetLearnedSettings } from '../../src/agent/model-settings.js';
import { FakeOpenAI } from '../../test/support/fake-openai/server.js';
import { createTestEnv } from '../../test/support/fixture-repo.js';
import { runPersonaCase, writeCaseTemplate } from '../../test/support/persona-case.js';

type Outcome = 'solved' | 'failed-correctly' | 'wrong-verified' | 'missed';

interface Row {
  persona: PersonaName;
  outcome: Outcome;
  status: string;
  iterations: number;
  requests: number;
  promptTokens: number;
  seconds: number;
}

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const names = (onlyAt === -1 ? Object.keys(PERSONAS) : args[onlyAt + 1]!.split(',')) as PersonaName[];

const env = createTestEnv();
const template = writeCaseTemplate(env);

async function runOne(name: PersonaName, pruneHistory: boolean): Promise<Row> {
  const fake = await FakeOpenAI.start();
  const started = performance.now();
  try {
    const run = await runPersonaCase(env, template, fake, name, { pruneHistory, stream: name === 'broken-json' });
    const spec = PERSONAS[name] as PersonaSpec;
    const { report } = run;
    let outcome: Outcome = 'missed';
    if (report.status === 'verified' && !run.correct) outcome = 'wrong-verified';
    else if (spec.expect.status === 'verified' && report.status === 'verified') outcome = 'solved';
    else if (spec.expect.status === 'failed' && report.status === 'failed' && spec.expect.reason.test(report.reason)) outcome = 'failed-correctly';
    return {
      persona: name,
      outcome,
      status: `${report.status}${report.status === 'verified' ? '' : `: ${report.reason.slice(0, 70)}`}`,
      iterations: report.agent?.iterations.length ?? 0,
      requests: report.usage.requests,
      promptTokens: report.usage.promptTokens,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await fake.close();
    forgetLearnedSettings();
  }
}

const pruned: Row[] = [];
const full: Row[] = [];
try {
  for (const name of names) {
    pruned.push(await runOne(name, true));
    full.push(await runOne(name, false));
    const p = pruned.at(-1)!;
    const f = full.at(-1)!;
    console.error(`${name}: ${p.outcome} (${p.status}) ${p.promptTokens} prompt tokens pruned, ${f.promptTokens} resending everything [${f.outcome}]`);
  }
} finally {
  env.cleanup();
}

const count = (rows: Row[], o: Outcome): number => rows.filter((r) => r.outcome === o).length;
const solvedTokens = (rows: Row[]): number => rows.filter((r) => r.outcome === 'solved').reduce((s, r) => s + r.promptTokens, 0);
const perSolved = (rows: Row[]): number => solvedTokens(rows) / Math.max(1, count(rows, 'solved'));
const reduction = 1 - perSolved(pruned) / perSolved(full);

console.log('| persona | expected | outcome | iterations | requests | prompt tokens (pruned) | prompt tokens (resend all) | saved |');
console.log('|---|---|---|---:|---:|---:|---:|---:|');
pruned.forEach((p, i) => {
  const f = full[i]!;
  const spec = PERSONAS[p.persona] as PersonaSpec;
  const saved = f.promptTokens ? `${Math.round((1 - p.promptTokens / f.promptTokens) * 100)}%` : '–';
  console.log(`| ${p.persona} | ${spec.expect.status} | ${p.outcome} | ${p.iterations} | ${p.requests} | ${p.promptTokens} | ${f.promptTokens} | ${saved} |`);
});
console.log('');
console.log(`solved ${count(pruned, 'solved')} / failed-correctly ${count(pruned, 'failed-correctly')} / wrong-verified ${count(pruned, 'wrong-verified')} / missed ${count(pruned, 'missed')} (pruned)`);
console.log(`solved ${count(full, 'solved')} / failed-correctly ${count(full, 'failed-correctly')} / wrong-verified ${count(full, 'wrong-verified')} / missed ${count(full, 'missed')} (resend all)`);
console.log(
  count(pruned, 'solved')
    ? `prompt tokens per solved job: ${Math.round(perSolved(pruned))} pruned vs ${Math.round(perSolved(full))} resending everything — ${(reduction * 100).toFixed(1)}% fewer`
    : 'prompt tokens per solved job: no solved job in this selection',
);
console.log(`wall time: ${[...pruned, ...full].reduce((s, r) => s + r.seconds, 0).toFixed(0)} s`);

const defects = count(pruned, 'wrong-verified') + count(full, 'wrong-verified');
if (defects > 0 || count(pruned, 'solved') !== count(full, 'solved') || (count(pruned, 'solved') > 0 && reduction < 0.3)) process.exitCode = 1;

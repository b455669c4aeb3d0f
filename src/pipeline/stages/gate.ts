/**
 * gate: the base commit's verifiers again, compared with the baseline; guards; then the verdict.
 * The change is committed here (locally) so that guards and the report see the exact diff.
 *
 * The rules come from the untouched tree: the verifiers are the ones the baseline detected (with
 * package.json scripts pinned to their base text). Only a migration that declares
 * `changesToolchain` gets the verifiers found after the change, and then the test guards
 * require the runner reports to show the same tests passing (docs/guards.md).
 */
import { changesToolchainOf } from '../../catalog/definition.js';
import {
  compareWithBaseline,
  gateVerdict,
  judgingResults,
  pinScriptCommands,
  readGuardBaseAhead,
  redetectVerifiers,
  runGuards,
  runVerifiers,
  type Verifier,
} from '../../verify/index.js';
import { snapshotWorkingTree } from '../../workspace/restore.js';
import { commitAll, commitMessage, uncommittedFiles } from '../../workspace/commit.js';
import { diffAgainst, type DiffSummary } from '../../workspace/diff.js';
import { commitAhead, matchesSnapshot, snapshotModes, takeCommit, type SpeculativeCommit } from '../../workspace/speculative-commit.js';
import { detectOptions, verifierRunOptions, type PreparedContext, type StageResult } from '../context.js';
import { summarizeResults } from './summaries.js';
import { formatChanges } from '../format-changes.js';
import { listBeforeVerifiers, putBackVerifierWrites } from '../verifier-writes.js';

const labels = (vs: ReadonlyArray<Verifier>): string => vs.map((v) => v.label).join(', ') || 'none';

function gateVerifiers(ctx: PreparedContext): Verifier[] {
  const def = ctx.migration.definition;
  if (def.changesToolchain === false) return ctx.verifiers;
  // A declared toolchain change (jest → vitest): for the declared kinds what is there now runs;
  // a kind no longer found keeps its baseline verifier so that it still runs (and fails).
  const detected = pinScriptCommands(ctx.dir, redetectVerifiers(ctx.dir, def.verify, ctx.verifiers, detectOptions(ctx)));
  const now = detected.map((v) => (changesToolchainOf(def, v.kind) ? v : (ctx.verifiers.find((b) => b.kind === v.kind) ?? v)));
  if (labels(now) !== labels(ctx.verifiers)) ctx.log('info', `verifiers changed with the migration (changesToolchain): ${labels(ctx.verifiers)} → ${labels(now)}`);
  return now;
}

/** Commits the change — the commit made while the verifiers ran, when it holds exactly what they were given — and diffs it. */
async function commitChange(ctx: PreparedContext, message: string, early: SpeculativeCommit | undefined): Promise<DiffSummary> {
  if (early) {
    await takeCommit(ctx.dir, ctx.baseCommit, early.commit);
    ctx.commit = early.commit;
    return early.summary;
  }
  const commit = await commitAll(ctx.dir, message);
  if (commit) ctx.commit = commit;
  return diffAgainst(ctx.dir, ctx.baseCommit);
}

export async function gate(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const def = ctx.migration.definition;
  // The codemod stage's read, when no stage since may have changed files (context.ts).
  const changed = !ctx.agent && ctx.uncommitted ? ctx.uncommitted : await uncommittedFiles(dir);
  delete ctx.uncommitted;
  if (changed.length === 0) {
    const left = ctx.sites?.left ?? 0;
    const why = ctx.agent ? 'the agent made no change' : 'no LLM ran (set GODWIT_MODEL to let the agent finish them)';
    ctx.outcome = {
      status: 'no-changes',
      reason: left > 0 ? `the migration changed nothing: ${left} site(s) left unchanged, ${why}; see the log for each site` : 'the migration changed nothing: the repository is already migrated',
    };
    return { status: 'ok', summary: 'no changes', stop: true };
  }
  // The agent's edits in the repository's style too (the codemod's were formatted after the codemod).
  if (ctx.agent) await formatChanges(ctx, 'agent', changed);
  ctx.verifiers = gateVerifiers(ctx);
  const before = await snapshotWorkingTree(dir, changed);
  const modes = snapshotModes(dir, before);
  const message = commitMessage(def.id, def.pr.title);
  const listing = await listBeforeVerifiers(dir);
  const verifying = runVerifiers(dir, ctx.verifiers, verifierRunOptions(ctx));
  // While the verifiers run (from the next turn of the event loop, once the first verifier's
  // process is started, so as not to delay it): what the guards read at the base commit (the base
  // cannot change; should it fail, the guards read it themselves), the commit with its diff,
  // taken below only if it holds exactly the snapshot, and what the forge needs to publish.
  const started = new Promise((next) => setImmediate(next));
  const baseReads = started.then(() => readGuardBaseAhead(dir, ctx.baseCommit, changed, ctx.signal)).catch(() => undefined);
  const ahead = started.then(() => commitAhead(dir, ctx.baseCommit, message, ctx.signal));
  if (!ctx.options.dryRun) {
    const change = { workspaceDir: dir, commit: ahead.then((c) => c?.commit) };
    void started.then(() => ctx.forge.readAhead?.(ctx.repo, ctx.migration.branch, change)).catch(() => undefined); // only an optimisation
  }
  const results = await verifying;
  const early = await ahead; // its `git add` holds the index lock, which the restore may need
  // Snapshots, caches and coverage a verifier wrote are not part of the change.
  await putBackVerifierWrites(ctx, before, listing);
  if (ctx.signal?.aborted) return { status: 'skipped', summary: 'cancelled' };
  ctx.final = compareWithBaseline(ctx.baseline, results);

  ctx.diff = await commitChange(ctx, message, early && matchesSnapshot(early, before, modes) ? early : undefined);
  const baseAhead = await baseReads;
  const findings = await runGuards({
    dir,
    baseCommit: ctx.baseCommit,
    // The package changes declared for this repository (packagesFor) are the declared ones.
    migration: ctx.packages ? { ...def, packages: ctx.packages } : def,
    baseline: ctx.baseline,
    final: ctx.final,
    changedFiles: ctx.diff.changedFiles,
    diff: ctx.diff.diff,
    ...(baseAhead ? { baseReads: baseAhead } : {}),
  });
  ctx.guards.push(...findings);

  const verdict = gateVerdict(ctx.baseline, ctx.final);
  const blocking = ctx.guards.filter((g) => g.severity === 'block');
  const reasons = [...verdict.reasons, ...blocking.map((g) => `guard ${g.guard}: ${g.message}`)];
  const summary = summarizeResults(ctx.final);
  const files = `${ctx.diff.changedFiles.length} file(s) changed (+${ctx.diff.additions} −${ctx.diff.deletions})`;
  if (reasons.length) {
    ctx.outcome = { status: 'failed', reason: reasons.join('; ') };
    return { status: 'failed', summary: `${summary}; ${reasons.length} problem(s)` };
  }
  if (judgingResults(ctx.final).length === 0) {
    // Lint alone, or nothing at all: nobody checked that the change works.
    ctx.outcome = { status: 'unverified', reason: `${files}; no typecheck and no test ran to judge the change (${summary})` };
    return { status: 'ok', summary: `unverified: ${summary}` };
  }
  const n = ctx.sites?.left ?? 0;
  const left = n === 0 ? '' : ctx.agent ? `; the agent finished ${n} site(s) the codemod left` : `; ${n} site(s) left unchanged (listed in the log)`;
  ctx.outcome = { status: 'verified', reason: `${files}; ${summary}${left}` };
  return { status: 'ok', summary };
}

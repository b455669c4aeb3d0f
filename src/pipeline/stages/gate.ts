/**
 * gate: every verifier again, compared with the baseline; guards; then the verdict. The
 * change is committed here (locally) so that guards and the report see the exact diff.
 */
import { runGuards } from '../../verify/guards/index.js';
import { compareWithBaseline, gateVerdict } from '../../verify/compare.js';
import { redetectVerifiers } from '../../verify/detect.js';
import { runVerifiers } from '../../verify/run-verifiers.js';
import { restoreWorkingTree, snapshotWorkingTree } from '../../workspace/restore.js';
import { commitAll, commitMessage, uncommittedFiles } from '../../workspace/commit.js';
import { diffAgainst } from '../../workspace/diff.js';
import { detectOptions, verifierRunOptions, type JobContext, type StageResult } from '../context.js';
import { summarizeResults } from './summaries.js';
import { formatChanges } from '../format-changes.js';

export async function gate(ctx: JobContext): Promise<StageResult> {
  const dir = ctx.dir!;
  const def = ctx.migration.definition;
  if ((await uncommittedFiles(dir)).length === 0) {
    const left = ctx.sites?.left ?? 0;
    const why = ctx.agent ? 'the agent made no change' : 'no LLM ran (set GODWIT_MODEL to let the agent finish them)';
    ctx.outcome = {
      status: 'no-changes',
      reason: left > 0 ? `the migration changed nothing: ${left} site(s) left unchanged, ${why}; see the log for each site` : 'the migration changed nothing: the repository is already migrated',
    };
    return { status: 'ok', summary: 'no changes', stop: true };
  }
  // The agent's edits in the repository's style too (the codemod's were formatted after the codemod).
  if (ctx.agent) await formatChanges(ctx, 'agent');
  // The migration may have replaced the toolchain (jest → vitest): the gate runs what is there now.
  const verifiers = redetectVerifiers(dir, def.verify, ctx.verifiers, detectOptions(ctx));
  const labels = (vs: typeof verifiers): string => vs.map((v) => v.label).join(', ');
  if (labels(verifiers) !== labels(ctx.verifiers)) ctx.log('info', `verifiers changed with the migration: ${labels(ctx.verifiers)} → ${labels(verifiers)}`);
  ctx.verifiers = verifiers;
  const before = await snapshotWorkingTree(dir);
  const results = await runVerifiers(dir, ctx.verifiers, verifierRunOptions(ctx));
  // Snapshots, caches and coverage a verifier wrote are not part of the change.
  const written = await restoreWorkingTree(dir, before);
  if (written.length) ctx.log('info', `restored ${written.length} file(s) the verifiers wrote: ${written.slice(0, 10).join(', ')}`);
  if (ctx.signal?.aborted) return { status: 'skipped', summary: 'cancelled' };
  ctx.final = compareWithBaseline(ctx.baseline, results);

  ctx.commit = await commitAll(dir, commitMessage(def.id, def.pr.title));
  ctx.diff = await diffAgainst(dir, ctx.baseCommit!);
  const findings = await runGuards({
    dir,
    baseCommit: ctx.baseCommit!,
    migration: def,
    baseline: ctx.baseline,
    final: ctx.final,
    changedFiles: ctx.diff.changedFiles,
    diff: ctx.diff.diff,
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
  const left = ctx.sites?.left ? `; ${ctx.sites.left} site(s) left unchanged (listed in the log)` : '';
  ctx.outcome = { status: 'verified', reason: `${files}; ${ctx.final.length ? summary : 'no verifiers found'}${left}` };
  return { status: 'ok', summary };
}

/**
 * baseline: detect the repository's verifiers and run them on the untouched repository. What
 * is detected here is what the gate runs again (the base commit's rules): package.json scripts
 * are pinned to their text now, before any change.
 */
import { detectVerifiers, pinScriptCommands, redBaseline, runVerifiers } from '../../verify/index.js';
import { restoreWorkingTree, snapshotWorkingTree } from '../../workspace/restore.js';
import { detectOptions, verifierRunOptions, type PreparedContext, type StageResult } from '../context.js';
import { firstDiagnostic, summarizeResults } from './summaries.js';

export async function baseline(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const flags = ctx.migration.definition.verify;
  ctx.verifiers = pinScriptCommands(dir, detectVerifiers(dir, flags, detectOptions(ctx)));
  if (ctx.verifiers.length === 0) ctx.log('warn', 'no verifiers found (no tsconfig.json, ESLint config or test runner)');
  else ctx.log('info', `verifiers: ${ctx.verifiers.map((v) => `${v.kind} \`${v.label}\`${v.source && v.source !== 'detected' ? ` (${v.source === 'script' ? "the repository's script" : 'override'})` : ''}`).join(', ')}`);
  const before = await snapshotWorkingTree(dir);
  ctx.baseline = await runVerifiers(dir, ctx.verifiers, verifierRunOptions(ctx));
  const written = await restoreWorkingTree(dir, before);
  if (written.length) ctx.log('info', `restored ${written.length} file(s) the verifiers wrote: ${written.slice(0, 10).join(', ')}`);
  const summary = summarizeResults(ctx.baseline);
  const red = redBaseline(ctx.baseline);
  if (red.length && flags.requireGreenBaseline) {
    const reason = `verifiers red before any change: ${red.map((r) => `${r.kind} ${r.status} (${firstDiagnostic(r)})`).join('; ')}`;
    ctx.outcome = { status: 'baseline-broken', reason };
    return { status: 'failed', summary, stop: true };
  }
  if (red.length) ctx.log('warn', `baseline not green (allowed by the migration): ${summary}`);
  return { status: 'ok', summary };
}

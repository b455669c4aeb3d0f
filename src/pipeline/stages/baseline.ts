/**
 * baseline: detect the repository's verifiers and run them on the untouched repository. What
 * is detected here is what the gate runs again (the base commit's rules): package.json scripts
 * are pinned to their text now, before any change.
 */
import { GODWIT_VERSION } from '../../config/package-info.js';
import { baselineCacheKey, openBaselineCache } from '../../verify/baseline-cache.js';
import { detectVerifiers, pinScriptCommands, redBaseline, runVerifiers, type VerifierRun } from '../../verify/index.js';
import { snapshotWorkingTree } from '../../workspace/restore.js';
import { asCloned } from '../codemod-reuse.js';
import { listBeforeVerifiers, putBackVerifierWrites } from '../verifier-writes.js';
import { detectOptions, verifierRunOptions, type PreparedContext, type StageResult } from '../context.js';
import { firstDiagnostic, summarizeResults } from './summaries.js';

/** The verifier results on the untouched tree: from the baseline cache when this exact baseline was green before, else run. */
async function cachedOrRun(ctx: PreparedContext): Promise<VerifierRun[]> {
  const { dir } = ctx;
  const hours = ctx.config.verify.baselineCacheHours;
  const key =
    hours > 0 && ctx.verifiers.length > 0
      ? baselineCacheKey({
          repository: ctx.repo.cloneUrl,
          baseCommit: ctx.baseCommit,
          dir,
          verifiers: ctx.verifiers,
          install: ctx.install ? { packageManager: ctx.install.packageManager, command: ctx.install.command } : undefined,
          settings: { timeoutMs: ctx.config.verify.timeoutMs, maxOutputBytes: ctx.config.verify.maxOutputBytes, sandbox: ctx.config.sandbox },
          godwitVersion: GODWIT_VERSION,
        })
      : undefined;
  const cache = key ? openBaselineCache(ctx.config.workdir, hours * 3_600_000) : undefined;
  const hit = key ? cache?.get(key) : undefined;
  if (hit) {
    ctx.log('info', `baseline from the cache (the same commit, lockfile and verifiers were green before): ${hit.map((r) => r.kind).join(', ')}`);
    return hit;
  }
  // The untouched clone, as the pre-scan left it: nothing uncommitted, no `git status` to ask.
  const before = asCloned(ctx) ? new Map() : await snapshotWorkingTree(dir);
  const listing = await listBeforeVerifiers(dir);
  const results = await runVerifiers(dir, ctx.verifiers, verifierRunOptions(ctx));
  await putBackVerifierWrites(ctx, before, listing);
  if (key && !ctx.signal?.aborted) cache?.set(key, results);
  return results;
}

export async function baseline(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const flags = ctx.migration.definition.verify;
  ctx.verifiers = pinScriptCommands(dir, detectVerifiers(dir, flags, detectOptions(ctx)));
  if (ctx.verifiers.length === 0) ctx.log('warn', 'no verifiers found (no tsconfig.json, ESLint config or test runner)');
  else ctx.log('info', `verifiers: ${ctx.verifiers.map((v) => `${v.kind} \`${v.label}\`${v.source && v.source !== 'detected' ? ` (${v.source === 'script' ? "the repository's script" : 'override'})` : ''}`).join(', ')}`);
  ctx.baseline = await cachedOrRun(ctx);
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

/**
 * The job runner: one repository, one migration. Read top to bottom:
 * prepare → baseline → codemod → agent → gate → publish, each recording into the report.
 * A stage may end the run early (not-applicable, baseline-broken, no-changes); a thrown
 * GodwitError ends it with status `error`; aborting ends it `cancelled`. The workspace is
 * removed afterwards unless keepWorkdir.
 */
import { randomUUID } from 'node:crypto';
import { GodwitError, toGodwitError } from '../errors.js';
import { assertGitDirIntact, configureSandbox, requireSandbox } from '../process/index.js';
import { emptyUsage, type LogLine, type RunReport, type StageName } from '../report/run-report.js';
import { removeRunFolder } from '../workspace/workspace.js';
import { isPrepared, type JobContext, type Pipeline, type Stage, type StageResult } from './context.js';
import { asDiskFull } from './disk-full.js';
import { buildReport } from './report.js';
import { prepare } from './stages/prepare.js';
import type { RunJob, RunJobOptions } from './types.js';

/**
 * A stage whose module loads when the stage starts: a run that ends in prepare (not-applicable,
 * no-changes after the pre-scan) never loads the verifiers, the agent and its LLM client, or
 * the forges' publishing code — most of godwit's start-up time.
 */
function lazy(load: () => Promise<Stage>): Stage {
  return async (ctx) => (await load())(ctx);
}

export const PIPELINE: Pipeline = {
  prepare,
  stages: [
    ['baseline', lazy(async () => (await import('./stages/baseline.js')).baseline)],
    ['codemod', lazy(async () => (await import('./stages/codemod.js')).codemod)],
    ['agent', lazy(async () => (await import('./stages/agent.js')).agent)],
    ['gate', lazy(async () => (await import('./stages/gate.js')).gate)],
    ['publish', lazy(async () => (await import('./stages/publish.js')).publish)],
  ],
};

function createContext(options: RunJobOptions): JobContext {
  const ctx: JobContext = {
    runId: options.runId ?? `${options.migration.definition.id}-${randomUUID().slice(0, 8)}`,
    options,
    config: options.config,
    migration: options.migration,
    signal: options.signal,
    startedAt: new Date(),
    verifiers: [],
    baseline: [],
    final: [],
    guards: [],
    usage: emptyUsage(),
    stages: [],
    logs: [],
    log(level, message) {
      const line: LogLine = { ts: new Date().toISOString(), level, ...(ctx.currentStage ? { stage: ctx.currentStage } : {}), message };
      ctx.logs.push(line);
      options.onLog?.(line);
    },
  };
  return ctx;
}

function cancelled(ctx: JobContext): boolean {
  if (!ctx.signal?.aborted) return false;
  ctx.outcome = { status: 'cancelled', reason: `cancelled${ctx.currentStage ? ` during ${ctx.currentStage}` : ''}` };
  return true;
}

/** Runs one stage and records it; true when the pipeline ends here (stopped or cancelled). */
async function runStage<C extends JobContext>(ctx: C, name: StageName, stage: Stage<C>): Promise<boolean> {
  if (cancelled(ctx)) return true;
  ctx.currentStage = name;
  const started = new Date();
  ctx.options.onStage?.({ stage: name, phase: 'start' });
  let result: StageResult;
  try {
    result = await stage(ctx);
    // A stage that ran repository code must not have left anything in .git for godwit's git.
    if (ctx.dir) assertGitDirIntact(ctx.dir);
  } catch (error) {
    const e = ctx.signal?.aborted ? new GodwitError('cancelled', 'the run was cancelled') : asDiskFull(toGodwitError(error), ctx.config.workdir);
    ctx.stages.push({ name, status: 'error', startedAt: started.toISOString(), durationMs: Date.now() - started.getTime(), summary: e.message });
    ctx.options.onStage?.({ stage: name, phase: 'end', status: 'error', summary: e.message });
    throw e;
  }
  const summary = result.summary ? { summary: result.summary } : {};
  ctx.stages.push({ name, status: result.status, startedAt: started.toISOString(), durationMs: Date.now() - started.getTime(), ...summary });
  ctx.options.onStage?.({ stage: name, phase: 'end', status: result.status, ...summary });
  if (result.summary) ctx.log(result.status === 'ok' || result.status === 'skipped' ? 'info' : 'warn', result.summary);
  return cancelled(ctx) || result.stop === true;
}

async function runStages(ctx: JobContext, pipeline: Pipeline): Promise<void> {
  if (await runStage(ctx, 'prepare', pipeline.prepare)) return;
  if (!isPrepared(ctx)) throw new GodwitError('internal', 'prepare ended without a workspace (repository, clone and base commit)');
  for (const [name, stage] of pipeline.stages) {
    if (await runStage(ctx, name, stage)) return;
  }
}

export const runJob: RunJob = async (options): Promise<RunReport> => {
  // A prompt-only migration without a configured model fails fast (exit 2), before cloning.
  // (The agent module loads here only for such a migration; see lazy() above.)
  const agent = options.migration.definition.codemod === undefined ? await import('../agent/index.js') : undefined;
  return runPipeline(options, PIPELINE, () => {
    if (agent?.needsLlm(options.migration)) agent.requireModel(options.config);
  });
};

/**
 * Runs `pipeline` with the runner's context, error handling and clean-up; `runJob` is this with
 * the six stages. Follow-up rounds on a PR branch (src/followup) swap prepare and agent.
 */
export async function runPipeline(options: RunJobOptions, pipeline: Pipeline, precheck?: () => void): Promise<RunReport> {
  const ctx = createContext(options);
  try {
    // Fail closed before cloning: no repository command runs without the sandbox unless it is off on purpose.
    configureSandbox(options.config.sandbox);
    requireSandbox();
    precheck?.();
    await runStages(ctx, pipeline);
    ctx.outcome ??= { status: 'error', reason: 'the pipeline ended without a verdict' };
  } catch (error) {
    const e = asDiskFull(toGodwitError(error), options.config.workdir);
    if (e.code === 'cancelled' || ctx.signal?.aborted) ctx.outcome = { status: 'cancelled', reason: `cancelled during ${ctx.currentStage ?? 'start'}` };
    else {
      ctx.outcome = { status: 'error', reason: `${e.code}: ${e.message}`, error: e };
      ctx.log('error', `${e.message}${e.hint ? ` (hint: ${e.hint})` : ''}`);
    }
  } finally {
    delete ctx.currentStage;
    if (ctx.folder) {
      if (options.keepWorkdir) ctx.log('info', `workspace kept at ${ctx.folder.repoDir}`);
      else removeRunFolder(ctx.folder);
    }
  }
  return buildReport(ctx);
}

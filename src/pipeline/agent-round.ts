/**
 * One agent round in the workspace, for the agent stage and a follow-up fix round: runAgent with
 * the job's settings, its usage, transcript and judge recorded on the context, and its result as
 * a stage result. An error or cancellation throws; a round that changed nothing ends the run
 * `failed`; a failed round or a judge veto becomes a blocking guard finding, so the gate fails.
 */
import type { Project } from 'ts-morph';
import { runAgent } from '../agent/index.js';
import { GodwitError } from '../errors.js';
import { addUsage } from '../report/run-report.js';
import { uncommittedFiles } from '../workspace/index.js';
import type { PreparedContext, StageResult } from './context.js';

export interface AgentRoundInput {
  project: Project;
  /** The context engine's rendering of the sites left, and how many. */
  context?: { text: string; sitesLeft: number };
  /** Failures (or a reviewer's instructions) to start from. */
  currentFailures?: string;
  /** A round that changes nothing fails even when the agent reports success (a fix round must fix). */
  mustChange: boolean;
}

export async function agentRound(ctx: PreparedContext, input: AgentRoundInput): Promise<StageResult> {
  const result = await runAgent({
    dir: ctx.dir,
    migration: ctx.migration,
    config: ctx.config,
    project: input.project,
    ...(input.context ? { context: input.context } : {}),
    baseline: ctx.baseline,
    ...(input.currentFailures ? { currentFailures: input.currentFailures } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.options.llmLimiter ? { acquire: ctx.options.llmLimiter } : {}),
    log: (level, message) => ctx.log(level, message),
  });
  ctx.usage = addUsage(ctx.usage, result.usage);
  ctx.agent = { model: result.model, iterations: result.iterations, transcript: result.transcript, ...(result.finalReport ? { finalReport: result.finalReport } : {}) };
  if (result.judge) ctx.judge = result.judge;

  const summary = `${result.iterations.length} iteration(s), ${result.usage.totalTokens} tokens, ${result.status}: ${result.reason}`;
  if (result.status === 'error') throw result.error ?? new GodwitError('llm-failed', result.reason);
  if (result.status === 'cancelled') throw new GodwitError('cancelled', result.reason);
  if ((result.status === 'failed' || input.mustChange) && (await uncommittedFiles(ctx.dir)).length === 0) {
    // Nothing changed: the gate would call this `no-changes`, but the work was not done.
    ctx.outcome = { status: 'failed', reason: `the agent made no change: ${result.reason}` };
    return { status: 'failed', summary, stop: true };
  }
  if (result.status === 'failed') {
    const vetoed = result.judge?.mode === 'veto' && result.judge.verdict === 'fail';
    ctx.guards.push({ guard: vetoed ? 'judge-veto' : 'agent-incomplete', severity: 'block', message: result.reason });
    return { status: 'failed', summary };
  }
  return { status: 'ok', summary };
}

/**
 * agent: the LLM loop for what the codemod left — a thin call into src/agent. It runs when
 * the migration is prompt-only, when change sites remain after the codemod, or when the
 * codemod left the changed files red. A failed loop or a judge veto becomes a blocking
 * finding, so the gate (which runs next) fails the run.
 */
import { canUseLlm, isLlmConfigured, needsLlm, requireModel, runAgent } from '../../agent/index.js';
import { buildContext, locateSites, createWorkspaceProject as createContextProject } from '../../context/index.js';
import type { Site } from '../../context/types.js';
import { GodwitError } from '../../errors.js';
import { addUsage } from '../../report/run-report.js';
import { fastVerify, formatFeedback } from '../../verify/index.js';
import { uncommittedFiles } from '../../workspace/commit.js';
import type { PreparedContext, StageResult } from '../context.js';

export async function agent(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const { definition } = ctx.migration;
  if (!canUseLlm(ctx.migration)) return { status: 'skipped', summary: 'the migration has no prompt' };

  const project = ctx.project ?? createContextProject(dir);
  ctx.project = project;
  const hasTarget = definition.target.modules.length > 0 || definition.target.locate !== undefined;
  const sites: Site[] = hasTarget ? await locateSites(project, definition.target, dir) : [];
  if (hasTarget && !ctx.sites) ctx.sites = { found: sites.length, handledByCodemod: 0, left: sites.length };
  else if (ctx.sites) ctx.sites = { ...ctx.sites, left: sites.length };

  let currentFailures: string | undefined;
  if (!needsLlm(ctx.migration)) {
    const changed = await uncommittedFiles(dir);
    if (changed.length) {
      const check = await fastVerify({
        dir,
        project,
        changed,
        baseline: ctx.baseline,
        typecheck: definition.verify.typecheck,
        lint: definition.verify.lint,
        test: false,
        timeoutMs: ctx.config.verify.timeoutMs,
        maxOutputBytes: ctx.config.verify.maxOutputBytes,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      if (!check.ok) currentFailures = formatFeedback(check);
    }
    if (sites.length === 0 && !currentFailures) return { status: 'skipped', summary: 'the codemod handled every site; checks of the changed files pass' };
    if (!isLlmConfigured(ctx.config)) {
      ctx.log('warn', `no LLM configured: ${sites.length} site(s) left${currentFailures ? ' and the codemod left errors' : ''}; set GODWIT_MODEL to let the agent finish the job`);
      return { status: 'skipped', summary: 'no LLM configured' };
    }
  } else {
    requireModel(ctx.config);
  }

  const context = sites.length ? await buildContext(project, dir, sites, { budget: definition.agent.contextBudget }) : undefined;
  const result = await runAgent({
    dir,
    migration: ctx.migration,
    config: ctx.config,
    project,
    ...(context ? { context: { text: context.text, sitesLeft: sites.length } } : {}),
    baseline: ctx.baseline,
    ...(currentFailures ? { currentFailures } : {}),
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
  if (result.status === 'failed') {
    if ((await uncommittedFiles(dir)).length === 0) {
      // Nothing changed: the gate would call this `no-changes`, but the work was not done.
      ctx.outcome = { status: 'failed', reason: `the agent made no change: ${result.reason}` };
      return { status: 'failed', summary, stop: true };
    }
    const vetoed = result.judge?.mode === 'veto' && result.judge.verdict === 'fail';
    ctx.guards.push({ guard: vetoed ? 'judge-veto' : 'agent-incomplete', severity: 'block', message: result.reason });
    return { status: 'failed', summary };
  }
  return { status: 'ok', summary };
}

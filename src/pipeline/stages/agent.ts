/**
 * agent: the LLM loop for what the codemod left — a thin call into src/agent. Its context is
 * exactly the sites the codemod step left (run-codemod.ts; for a prompt-only migration, every
 * target site) plus the current failures. It runs when the migration is prompt-only, when
 * sites are left, or when the codemod left the changed files red. The round itself is agent-round.ts.
 */
import { canUseLlm, isLlmConfigured, needsLlm, requireModel } from '../../agent/index.js';
import { buildContext, createWorkspaceProject } from '../../context/index.js';
import type { Site } from '../../context/types.js';
import { fastVerify, formatFeedback } from '../../verify/index.js';
import { uncommittedFiles } from '../../workspace/commit.js';
import { agentRound } from '../agent-round.js';
import type { PreparedContext, StageResult } from '../context.js';

export async function agent(ctx: PreparedContext): Promise<StageResult> {
  const { dir } = ctx;
  const { definition } = ctx.migration;
  if (!canUseLlm(ctx.migration)) return { status: 'skipped', summary: 'the migration has no prompt' };

  // The handoff: exactly the sites the codemod step left (src/pipeline/run-codemod.ts).
  const sites: Site[] = ctx.leftovers ?? [];
  if (!needsLlm(ctx.migration) && !isLlmConfigured(ctx.config)) {
    // Nobody could act on the fast checks: the gate runs the repository's own checks next.
    if (sites.length) ctx.log('warn', `no LLM configured: ${sites.length} site(s) left; set GODWIT_MODEL to let the agent finish the job`);
    return { status: 'skipped', summary: `no LLM configured${sites.length ? `: ${sites.length} site(s) left` : ''}; the gate checks the codemod's change` };
  }
  // From here on the agent may change files: the gate reads the working tree again.
  const known = ctx.uncommitted;
  delete ctx.uncommitted;
  const project = ctx.project ?? createWorkspaceProject(dir);
  ctx.project = project;
  let currentFailures: string | undefined;
  if (!needsLlm(ctx.migration)) {
    const changed = known ?? (await uncommittedFiles(dir));
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
  } else {
    requireModel(ctx.config);
  }

  const context = sites.length ? await buildContext(project, dir, sites, { budget: definition.agent.contextBudget }) : undefined;
  return agentRound(ctx, {
    project,
    ...(context ? { context: { text: context.text, sitesLeft: sites.length } } : {}),
    ...(currentFailures ? { currentFailures } : {}),
    mustChange: false,
  });
}

/**
 * One agent round on an existing PR branch — the CI feedback loop and `@godwit fix` — built
 * from the pipeline's own stages: the same runner, baseline (measured on the PR's base
 * commit, so the gate judges with the base's rules), gate (verifiers, baseline comparison,
 * guards over the whole change since the base) and publish (force only over godwit's commits,
 * PR body re-rendered). Only prepare and the agent's input differ: the clone checks out the PR
 * branch, and the agent is given the failure (a trimmed CI log, or a reviewer's instructions).
 */
import { isLlmConfigured } from '../agent/index.js';
import { GodwitError } from '../errors.js';
import { agentRound } from './agent-round.js';
import { installOptions, markPrepared, type JobContext, type Stage, type StageResult } from './context.js';
import { createWorkspaceProject } from '../context/index.js';
import { cloneIntoRunFolder, resolveRepository } from './resolve-repository.js';
import { runPipeline } from './run-job.js';
import { baseline } from './stages/baseline.js';
import { gate } from './stages/gate.js';
import { publish } from './stages/publish.js';
import type { RunJobOptions } from './types.js';
import type { RunReport } from '../report/run-report.js';
import { gitIn, gitStep } from '../process/index.js';
import { detectPackageManager, installDependencies } from '../workspace/index.js';
import { readRepoSettings } from '../workspace/repo-settings.js';

export interface BranchRoundOptions extends RunJobOptions {
  /** What the agent is asked to fix: a trimmed CI failure, or a reviewer's instructions. */
  task: string;
}

/** Clone, check out the PR branch, find the base commit it was branched from, install. */
function prepareOnBranch(): Stage<JobContext> {
  return async (ctx: JobContext): Promise<StageResult> => {
    const resolved = await resolveRepository(ctx);
    const { repoRef, forge, repo } = resolved;
    const { folder, cloned, baseBranch } = await cloneIntoRunFolder(ctx, resolved);
    const branch = ctx.migration.branch;
    const git = gitIn(cloned.dir);
    const remote = (await git.raw(['branch', '-r', '--list', `origin/${branch}`])).trim();
    if (!remote) throw new GodwitError('git-failed', `${repo.name} has no branch ${branch} any more`, 'The PR branch was deleted; re-run the migration to recreate it.');
    // --no-track: a tracking entry would change .git/config, which must stay as cloned (git-integrity).
    await gitStep('git checkout', 'git-failed', () => git.raw(['checkout', '--quiet', '--no-track', '-B', branch, `origin/${branch}`]));
    const baseCommit = (await gitStep('git merge-base', 'git-failed', () => git.raw(['merge-base', 'HEAD', `origin/${baseBranch}`]))).trim();
    markPrepared(ctx, { repoRef, forge, repo, folder, dir: cloned.dir, baseBranch, baseCommit });
    // The repository's own godwit settings, from the base commit only (as in prepare).
    const repoSettings = await readRepoSettings(cloned.dir, baseCommit);
    if (repoSettings) ctx.repoSettings = repoSettings;
    const pm = detectPackageManager(cloned.dir);
    let installed = 'no install';
    if (ctx.options.install !== false && pm) {
      const run = await installDependencies(cloned.dir, pm, installOptions(ctx));
      installed = `installed with ${pm.manager} in ${(run.durationMs / 1000).toFixed(1)}s`;
    }
    return { status: 'ok', summary: `cloned ${repo.name}@${branch} (base ${baseCommit.slice(0, 12)}), ${installed}` };
  };
}

/** The pipeline's baseline stage, run on the base commit's tree; then back to the PR branch. */
const baselineAtBase: Stage = async (ctx) => {
  const git = gitIn(ctx.dir);
  await gitStep('git checkout', 'git-failed', () => git.raw(['checkout', '--quiet', '--detach', ctx.baseCommit]));
  try {
    return await baseline(ctx);
  } finally {
    await gitStep('git checkout', 'git-failed', () => git.raw(['checkout', '--quiet', ctx.migration.branch]));
  }
};

function fixRound(task: string): Stage {
  return async (ctx) => {
    if (!isLlmConfigured(ctx.config)) throw new GodwitError('llm-not-configured', 'a fix round needs the LLM', 'Set GODWIT_MODEL (and OPENAI_*).');
    const project = ctx.project ?? createWorkspaceProject(ctx.dir, { addSources: true });
    ctx.project = project;
    return agentRound(ctx, { project, currentFailures: task, mustChange: true });
  };
}

/**
 * Publish, but only a change the gate let through: verified, or unverified where the migration
 * allows that. A failed round is never pushed onto an open PR (a draft policy does not apply:
 * the PR exists already and holds godwit's last good result).
 */
const publishIfPassed: Stage = async (ctx) => {
  const status = ctx.outcome?.status;
  const unverifiedAllowed = status === 'unverified' && (ctx.migration.definition.verify.allowUnverified || ctx.config.verify.allowUnverified);
  if (status !== 'verified' && !unverifiedAllowed) {
    ctx.pr = { action: 'skipped', branch: ctx.migration.branch };
    return { status: 'skipped', summary: `${status ?? 'no result'}: the PR branch is left as it was` };
  }
  return publish(ctx);
};

export function runBranchRound(options: BranchRoundOptions): Promise<RunReport> {
  return runPipeline(options, {
    prepare: prepareOnBranch(),
    stages: [
      ['baseline', baselineAtBase],
      ['agent', fixRound(options.task)],
      ['gate', gate],
      ['publish', publishIfPassed],
    ],
  });
}

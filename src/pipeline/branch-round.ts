/**
 * One agent round on an existing PR branch — the CI feedback loop and `@godwit fix` — built
 * from the pipeline's own stages: the same runner, baseline (measured on the PR's base
 * commit, so the gate judges with the base's rules), gate (verifiers, baseline comparison,
 * guards over the whole change since the base) and publish (force only over godwit's commits,
 * PR body re-rendered). Only prepare and the agent's input differ: the clone checks out the PR
 * branch, and the agent is given the failure (a trimmed CI log, or a reviewer's instructions).
 */
import { isLlmConfigured, runAgent } from '../agent/index.js';
import { GodwitError } from '../errors.js';
import { forgeFor } from '../forge/index.js';
import { parseRepoRef } from '../forge/repo-ref.js';
import { installOptions, markPrepared, type JobContext, type Stage, type StageResult } from './context.js';
import { createWorkspaceProject } from './project.js';
import { runPipeline } from './run-job.js';
import { baseline } from './stages/baseline.js';
import { gate } from './stages/gate.js';
import { publish } from './stages/publish.js';
import type { RunJobOptions } from './types.js';
import { addUsage, type RunReport } from '../report/run-report.js';
import { gitIn, gitStep } from '../process/index.js';
import { cloneRepository, createRunFolder, detectPackageManager, installDependencies, uncommittedFiles } from '../workspace/index.js';
import { readRepoSettings } from '../workspace/repo-settings.js';

export interface BranchRoundOptions extends RunJobOptions {
  /** What the agent is asked to fix: a trimmed CI failure, or a reviewer's instructions. */
  task: string;
}

/** Clone, check out the PR branch, find the base commit it was branched from, install. */
function prepareOnBranch(): Stage<JobContext> {
  return async (ctx: JobContext): Promise<StageResult> => {
    const repoRef = parseRepoRef(ctx.options.repo, { githubApiUrl: ctx.config.github.apiUrl });
    ctx.repoRef = repoRef;
    const forge = ctx.options.forge ?? forgeFor(repoRef, ctx.config);
    ctx.forge = forge;
    const repo = await forge.resolveRepo(repoRef);
    ctx.repo = repo;
    const folder = createRunFolder(ctx.config.workdir, ctx.runId);
    ctx.folder = folder;
    const cloned = await cloneRepository({ source: repo.cloneUrl, dest: folder.repoDir, auth: forge.gitAuth(repo), signal: ctx.signal });
    const baseBranch = cloned.defaultBranch === 'HEAD' ? repo.defaultBranch : cloned.defaultBranch;
    ctx.dir = cloned.dir;
    ctx.baseBranch = baseBranch;
    const branch = ctx.migration.branch;
    const git = gitIn(cloned.dir);
    const remote = (await git.raw(['branch', '-r', '--list', `origin/${branch}`])).trim();
    if (!remote) throw new GodwitError('git-failed', `${repo.name} has no branch ${branch} any more`, 'The PR branch was deleted; re-run the migration to recreate it.');
    await gitStep('git checkout', 'git-failed', () => git.raw(['checkout', '--quiet', '-B', branch, `origin/${branch}`]));
    const baseCommit = (await gitStep('git merge-base', 'git-failed', () => git.raw(['merge-base', 'HEAD', `origin/${baseBranch}`]))).trim();
    markPrepared(ctx, { repoRef, forge, repo, folder, dir: cloned.dir, baseBranch, baseCommit });
    // The repository's own godwit settings, from the base commit only (as in prepare).
    ctx.repoSettings = await readRepoSettings(cloned.dir, baseCommit);
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
    const project = ctx.project ?? createWorkspaceProject(ctx.dir);
    ctx.project = project;
    const result = await runAgent({
      dir: ctx.dir,
      migration: ctx.migration,
      config: ctx.config,
      project,
      baseline: ctx.baseline,
      currentFailures: task,
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
    if ((await uncommittedFiles(ctx.dir)).length === 0) {
      ctx.outcome = { status: 'failed', reason: `the agent made no change: ${result.reason}` };
      return { status: 'failed', summary, stop: true };
    }
    if (result.status === 'failed') {
      const vetoed = result.judge?.mode === 'veto' && result.judge.verdict === 'fail';
      ctx.guards.push({ guard: vetoed ? 'judge-veto' : 'agent-incomplete', severity: 'block', message: result.reason });
      return { status: 'failed', summary };
    }
    return { status: 'ok', summary };
  };
}

export function runBranchRound(options: BranchRoundOptions): Promise<RunReport> {
  return runPipeline(options, {
    prepare: prepareOnBranch(),
    stages: [
      ['baseline', baselineAtBase],
      ['agent', fixRound(options.task)],
      ['gate', gate],
      ['publish', publish],
    ],
  });
}

/** The follow-up handlers' dependencies for a worker: GitHub forge, Redis store, pipeline, clock. */
import type { LoadedMigration } from '../catalog/definition.js';
import type { GodwitConfig } from '../config/schema.js';
import { GithubForge, type GithubForgeOptions } from '../forge/github/forge.js';
import { runBranchRound, type RunJob } from '../pipeline/index.js';
import type { QueueContext } from './context.js';
import { createFollowUpStore } from './followup-store.js';
import type { FollowUpDeps } from './followup/types.js';

export interface FollowUpDepsOptions {
  runJob: RunJob;
  loadMigration: (id: string) => Promise<LoadedMigration>;
  forgeOptions?: GithubForgeOptions;
  /** Tests inject the time (merge windows). */
  now?: () => Date;
  log?: (message: string) => void;
}

export function createFollowUpDeps(ctx: Pick<QueueContext, 'redis' | 'keys' | 'store'>, config: GodwitConfig, options: FollowUpDepsOptions): FollowUpDeps {
  return {
    config,
    forge: new GithubForge(config, options.forgeOptions),
    store: createFollowUpStore({ redis: ctx.redis, keys: ctx.keys, store: ctx.store, loadMigration: options.loadMigration }),
    loadMigration: options.loadMigration,
    runJob: options.runJob,
    runBranchRound,
    now: options.now ?? (() => new Date()),
    ...(options.log ? { log: options.log } : {}),
  };
}

/** Whether this configuration can talk to GitHub (a token or an App). */
export function githubConfigured(config: GodwitConfig): boolean {
  return Boolean(config.github.token?.trim()) || config.github.app !== undefined;
}

/** Chooses the forge for a repository reference. */
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import { GithubForge } from './github/forge.js';
import { LocalForge } from './local.js';
import type { Forge, RepoRef } from './types.js';

export function forgeFor(ref: RepoRef, config: GodwitConfig): Forge {
  if (ref.forge === 'local') return new LocalForge({ workdir: config.workdir });
  if (ref.forge === 'github') return new GithubForge(config);
  throw new GodwitError(
    'usage',
    `GitHub repositories (${ref.name}) are not supported by this build yet`,
    'Give a local path or a file:// URL to a git repository.',
  );
}

export { LocalForge } from './local.js';

/** Chooses the forge for a repository reference: `local` paths and file:// URLs, or GitHub. */
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import { GithubForge } from './github/forge.js';
import { LocalForge } from './local.js';
import type { Forge, RepoRef } from './types.js';

export function forgeFor(ref: RepoRef, config: GodwitConfig): Forge {
  if (ref.forge === 'local') return new LocalForge({ workdir: config.workdir });
  if (ref.forge === 'github') return new GithubForge(config);
  // Unreachable while ForgeKind is 'local' | 'github'; a new kind fails to compile here first.
  const kind: never = ref.forge;
  throw new GodwitError('usage', `Unknown forge "${String(kind)}" for ${ref.name}`, 'Give a local path, a file:// URL, or a GitHub owner/name or URL.');
}

export { LocalForge } from './local.js';

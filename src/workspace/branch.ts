import { GodwitError } from '../errors.js';
import { gitIn, gitStep } from '../process/index.js';
import { checkoutNewBranchByFiles } from './ref-files.js';

/**
 * Creates (or resets) `branch` at the current HEAD and checks it out. `head`: the commit HEAD is
 * known to be at (a fresh clone), which lets it write the ref files instead of running git.
 */
export async function createBranch(dir: string, branch: string, head?: string): Promise<void> {
  if (branch.startsWith('-') || !/^[A-Za-z0-9._/-]+$/.test(branch) || branch.includes('..')) {
    throw new GodwitError('migration-invalid', `Invalid branch name "${branch}"`, 'Use letters, digits, . _ / - (e.g. godwit/<id>).');
  }
  if (head && checkoutNewBranchByFiles(dir, branch, head)) return;
  await gitStep(`git checkout -B ${branch}`, 'git-failed', () => gitIn(dir).raw(['checkout', '--quiet', '-B', branch]));
}

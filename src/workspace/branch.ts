import { GodwitError } from '../errors.js';
import { gitIn, gitStep } from '../process/index.js';

/** Creates (or resets) `branch` at the current HEAD and checks it out. */
export async function createBranch(dir: string, branch: string): Promise<void> {
  if (branch.startsWith('-') || !/^[A-Za-z0-9._/-]+$/.test(branch) || branch.includes('..')) {
    throw new GodwitError('migration-invalid', `Invalid branch name "${branch}"`, 'Use letters, digits, . _ / - (e.g. godwit/<id>).');
  }
  await gitStep(`git checkout -B ${branch}`, 'git-failed', () => gitIn(dir).raw(['checkout', '--quiet', '-B', branch]));
}

/**
 * Public API of src/process, the bottom layer for everything godwit starts as a subprocess:
 * the sandbox for repository commands, the command runner, and the one git runner.
 */
export { runCommand, type CommandResult } from './run-command.js';
export { configureSandbox, requireSandbox, sandboxInfo } from './sandbox.js';
export { gitIn, gitStep, runGit, runGitSync, configEntriesToEnv } from './git.js';
export { readBlobs } from './git-blobs.js';
export { OBJECT_ID, readHead, readHeadFile } from './git-head.js';
export { protectGitDir, releaseGitDir, assertGitDirIntact } from './git-integrity.js';
export { warmSpawner } from './spawner.js';
export { repositoryPath } from './tool-path.js';

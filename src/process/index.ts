/**
 * Public API of src/process, the bottom layer for everything godwit starts as a subprocess:
 * the sandbox for repository commands, the command runner, and the one git runner.
 */
export { runCommand, scrubEnv, isSecretEnvName, formatCommand, type CommandResult, type RunCommandOptions } from './run-command.js';
export { gitIn, gitStep, runGit, runGitSync, gitEnv, configEntriesToEnv, type GitHandle, type GitOptions, type GitResult, type GitRunOptions } from './git.js';
export { protectGitDir, releaseGitDir, assertGitDirIntact, gitControlFingerprint } from './git-integrity.js';

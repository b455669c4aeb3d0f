/** Public API of src/workspace. */
export { createRunFolder, removeRunFolder, cacheDir, type RunFolder } from './workspace.js';
export { cloneRepository, type CloneOptions, type ClonedRepo } from './clone.js';
export { createBranch } from './branch.js';
export { commitAll, commitMessage, uncommittedFiles } from './commit.js';
export { diffAgainst, type DiffSummary } from './diff.js';
export { detectPackageManager, type DetectedPackageManager, type PackageManager } from './package-manager.js';
export { installDependencies, installCommand, lockfileCommand, regenerateLockfile, updateDependencies, type InstallOptions } from './install.js';
export { applyPackageChanges, hasPackageChanges, type AppliedPackageChanges, type PackageChanges } from './packages.js';

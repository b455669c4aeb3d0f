/**
 * The guards, explicitly. Each lives in checks/<name>.ts; a test checks that this list and
 * the files agree, so a guard cannot be written and forgotten.
 */
import { deletedTests } from './checks/deleted-tests.js';
import { dependencies } from './checks/dependencies.js';
import { diffSize } from './checks/diff-size.js';
import { fewerTests } from './checks/fewer-tests.js';
import { inlineSnapshotsGuard } from './checks/inline-snapshots.js';
import { lockfileRegistry } from './checks/lockfile-registry.js';
import { missingTests } from './checks/missing-tests.js';
import { outsideScope } from './checks/outside-scope.js';
import { protectedFiles } from './checks/protected-files.js';
import { skippedTests } from './checks/skipped-tests.js';
import { snapshots } from './checks/snapshots.js';
import { suppressions } from './checks/suppressions.js';
import { toolConfigs } from './checks/tool-configs.js';
import { tsconfigLoosened } from './checks/tsconfig-loosened.js';
import type { Guard } from './types.js';

export const GUARDS: ReadonlyArray<Guard> = [
  deletedTests,
  fewerTests,
  missingTests,
  skippedTests,
  suppressions,
  tsconfigLoosened,
  toolConfigs,
  snapshots,
  inlineSnapshotsGuard,
  dependencies,
  protectedFiles,
  lockfileRegistry,
  outsideScope,
  diffSize,
];

/** The repositories shaped like real ones (issue 14), one generator per shape. */
import type { RepoShape } from './build.js';
import { jestCjsSnapshots } from './jest-cjs-snapshots.js';
import { npmPeerConflict } from './npm-peer-conflict.js';
import { pnpmLibrary } from './pnpm-library.js';
import { prettierNarrowLint } from './prettier-narrow-lint.js';
import { ts50Node10 } from './ts50-node10.js';
import { yarnClassicApp } from './yarn-classic-app.js';

export { TEMPLATE_ROOT, buildSources, buildTemplate, copyRepo, git, installRepo, runChecks, type RepoShape } from './build.js';

export const REAL_SHAPES: ReadonlyArray<RepoShape> = [pnpmLibrary, yarnClassicApp, npmPeerConflict, ts50Node10, prettierNarrowLint, jestCjsSnapshots];

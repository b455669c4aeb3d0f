/**
 * The light path eval runs on a case's temporary repository, built from the pipeline's own
 * parts: applicability (catalog) → package.json changes (workspace) → the codemod over the
 * workspace's ts-morph Project (pipeline). It is what runJob's prepare and codemod stages do
 * with dryRun, no install, no lockfile and verifiers off; the agent stage needs runJob.
 */
import { evaluateApplicability } from '../catalog/applicability.js';
import type { LoadedMigration } from '../catalog/definition.js';
import { createRepoSnapshot } from '../catalog/snapshot.js';
import { toGodwitError } from '../errors.js';
import { createWorkspaceProject } from '../pipeline/project.js';
import type { RunStatus } from '../report/run-report.js';
import { applyPackageChanges, hasPackageChanges } from '../workspace/packages.js';

export interface ApplyResult {
  status: RunStatus;
  reason: string;
  log: string[];
}

export async function applyMigration(migration: LoadedMigration, dir: string): Promise<ApplyResult> {
  const def = migration.definition;
  const log: string[] = [];
  const applicability = await evaluateApplicability(def, createRepoSnapshot(dir));
  if (!applicability.applies) return { status: 'not-applicable', reason: applicability.reason, log };
  try {
    if (hasPackageChanges(def.packages)) applyPackageChanges(dir, def.packages);
    if (def.codemod) {
      const project = createWorkspaceProject(dir);
      await def.codemod(project, { dir, log: (m) => log.push(m), options: def.options });
      await project.save();
    }
  } catch (error) {
    const e = toGodwitError(error, 'codemod-failed', `Fix the codemod of ${def.id}.`);
    return { status: 'error', reason: `${e.code}: ${e.message}`, log };
  }
  return { status: 'verified', reason: applicability.reason, log };
}

/**
 * The light path eval runs on a case's temporary repository: applicability → codemod →
 * package.json changes. It is what the pipeline's prepare/codemod stages do with dryRun,
 * no install and verifiers off; the agent stage is runJob's (see run-case.ts).
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { Project } from 'ts-morph';
import type { LoadedMigration } from '../catalog/definition.js';
import { toGodwitError } from '../errors.js';
import type { RunStatus } from '../report/run-report.js';
import { checkApplicability } from './applicability.js';
import { applyPackageChanges } from './package-changes.js';
import { folderSnapshot, walkFiles } from './snapshot.js';

const SOURCE_RE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export interface ApplyResult {
  status: RunStatus;
  reason: string;
  log: string[];
}

/** Files the codemod may see: TS/JS sources inside the migration's scope. */
export function scopedSources(dir: string, scope: LoadedMigration['definition']['scope']): string[] {
  const include = picomatch(scope.include, { dot: true });
  const exclude = scope.exclude.length ? picomatch(scope.exclude, { dot: true }) : () => false;
  return walkFiles(dir).filter((f) => SOURCE_RE.test(f) && !f.endsWith('.d.ts') && include(f) && !exclude(f));
}

export async function applyMigration(migration: LoadedMigration, dir: string): Promise<ApplyResult> {
  const def = migration.definition;
  const log: string[] = [];
  const applicability = await checkApplicability(def, folderSnapshot(dir));
  if (!applicability.applies) return { status: 'not-applicable', reason: applicability.reason, log };

  if (def.codemod) {
    const project = new Project({
      compilerOptions: { allowJs: true, jsx: 4 /* preserve */ },
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
    });
    for (const file of scopedSources(dir, def.scope)) project.addSourceFileAtPath(path.join(dir, file));
    try {
      await def.codemod(project, { dir, log: (m) => log.push(m), options: def.options });
      await project.save();
    } catch (error) {
      const e = toGodwitError(error, 'codemod-failed', `Fix the codemod of ${def.id}.`);
      return { status: 'error', reason: `codemod failed: ${e.message}`, log };
    }
  }
  applyPackageChanges(dir, def.packages);
  return { status: 'verified', reason: applicability.reason, log };
}

/**
 * What eval runs on a case's folder: the pipeline's own parts in the order `godwit run` runs
 * them — applicability and `packagesFor` (the prepare stage), the declared package changes and
 * the codemod step `runCodemod` with its per-file check and leftover sites (the codemod stage),
 * then, with a model configured and a case that needs it, the agent on exactly the sites the
 * codemod left (the agent stage), with verifiers and judge off: the case's `after` is the check.
 * No clone, install or baseline: the folder needs no git repository.
 */
import { canUseLlm } from '../agent/uses-llm.js';
import { evaluateApplicability } from '../catalog/applicability.js';
import { packageChangesSchema, type LoadedMigration } from '../catalog/definition.js';
import { createRepoSnapshot } from '../catalog/snapshot.js';
import type { GodwitConfig } from '../config/schema.js';
import { createWorkspaceProject } from '../context/index.js';
import { GodwitError, toGodwitError } from '../errors.js';
import { runCodemod, type CodemodOutcome } from '../pipeline/run-codemod.js';
import type { RunStatus, Usage } from '../report/run-report.js';
import { applyPackageChanges } from '../workspace/packages.js';

export interface ApplyResult {
  /** not-applicable, error, or — when the step ran — verified/failed from the agent, else `verified`. */
  status: RunStatus;
  reason: string;
  log: string[];
  /** What the codemod step found, handled, left and dropped (undefined when it did not run). */
  codemod?: CodemodOutcome;
  /** The package changes declared for this case's repository (packagesFor, else the definition's). */
  migration: LoadedMigration['definition'];
  usage?: Usage;
}

export interface ApplyOptions {
  /** The case's files (repository-relative), for applicability globs: the folder is no git repository. */
  files: ReadonlyArray<string>;
  /** Run the agent after the codemod, with this configuration (its llm.model must be set). */
  agent?: { config: GodwitConfig };
}

/** The migration as eval runs its agent: no verifiers, no judge (the expected files decide). */
function withoutChecks(migration: LoadedMigration): LoadedMigration {
  const def = migration.definition;
  return {
    ...migration,
    definition: { ...def, verify: { ...def.verify, typecheck: false, lint: false, test: false }, agent: { ...def.agent, judge: 'off' } },
  };
}

export async function applyToCase(migration: LoadedMigration, dir: string, options: ApplyOptions): Promise<ApplyResult> {
  let def = migration.definition;
  const log: string[] = [];
  const snapshot = createRepoSnapshot(dir, options.files);
  const applicability = await evaluateApplicability(def, snapshot);
  if (!applicability.applies) return { status: 'not-applicable', reason: applicability.reason, log, migration: def };
  let codemod: CodemodOutcome;
  const project = createWorkspaceProject(dir, { addSources: true, files: options.files });
  try {
    if (def.packagesFor) def = { ...def, packages: packageChangesSchema.parse(await def.packagesFor(snapshot)) };
    applyPackageChanges(dir, def.packages);
    codemod = await runCodemod({ dir, migration, project, log: (level, m) => log.push(level === 'warn' ? `warn: ${m}` : m) });
  } catch (error) {
    const e = error instanceof GodwitError ? error : toGodwitError(error, 'codemod-failed', `Fix the codemod of ${def.id}.`);
    return { status: 'error', reason: `${e.code}: ${e.message}`, log, migration: def };
  }
  for (const s of codemod.left) log.push(`${s.file}:${s.line}:${s.column}: left for the agent: ${s.reason ?? s.kind}`);
  if (options.agent && canUseLlm(migration)) {
    // Loaded only for a case that runs the agent: the model client is most of godwit's modules.
    const [{ runAgent }, { buildContext }] = await Promise.all([import('../agent/index.js'), import('../context/index.js')]);
    const context = codemod.left.length ? await buildContext(project, dir, codemod.left, { budget: def.agent.contextBudget }) : undefined;
    const result = await runAgent({
      dir,
      project,
      migration: withoutChecks(migration),
      config: options.agent.config,
      baseline: [],
      ...(context ? { context: { text: context.text, sitesLeft: codemod.left.length } } : {}),
      log: (_level, m) => log.push(m),
    });
    const status: RunStatus = result.status === 'verified' ? 'verified' : result.status === 'failed' ? 'failed' : 'error';
    return { status, reason: `agent: ${result.reason}`, log, codemod, migration: def, usage: result.usage };
  }
  return { status: 'verified', reason: applicability.reason, log, codemod, migration: def };
}

/**
 * The light path eval runs on a case's temporary repository, built from the pipeline's own
 * parts: applicability (catalog) → package.json changes (workspace) → the codemod over the
 * workspace's ts-morph Project (context). It is what runJob's prepare and codemod stages do
 * with dryRun, no install, no lockfile and verifiers off. With a model configured, cases that
 * need the LLM then get the agent (src/agent's runAgent) with verifiers and judge off: the case's
 * `after` is the check.
 */
import { canUseLlm, runAgent } from '../agent/index.js';
import { evaluateApplicability } from '../catalog/applicability.js';
import type { LoadedMigration } from '../catalog/definition.js';
import { createRepoSnapshot } from '../catalog/snapshot.js';
import type { GodwitConfig } from '../config/schema.js';
import { createWorkspaceProject } from '../context/index.js';
import { toGodwitError } from '../errors.js';
import type { RunStatus, Usage } from '../report/run-report.js';
import { applyPackageChanges, hasPackageChanges } from '../workspace/packages.js';

export interface ApplyResult {
  status: RunStatus;
  reason: string;
  log: string[];
  usage?: Usage;
}

export interface ApplyOptions {
  /** Run the agent after the codemod, with this configuration (its llm.model must be set). */
  agent?: { config: GodwitConfig };
}

/** The migration as eval runs its agent: no verifiers, no judge (the expected files decide). */
function withoutChecks(migration: LoadedMigration): LoadedMigration {
  const def = migration.definition;
  return {
    ...migration,
    definition: {
      ...def,
      verify: { ...def.verify, typecheck: false, lint: false, test: false },
      agent: { ...def.agent, judge: 'off' },
    },
  };
}

export async function applyMigration(migration: LoadedMigration, dir: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const def = migration.definition;
  const log: string[] = [];
  const applicability = await evaluateApplicability(def, createRepoSnapshot(dir));
  if (!applicability.applies) return { status: 'not-applicable', reason: applicability.reason, log };
  try {
    if (hasPackageChanges(def.packages)) applyPackageChanges(dir, def.packages);
    if (def.codemod) {
      const project = createWorkspaceProject(dir, { addSources: true });
      await def.codemod(project, {
        dir,
        log: (m) => log.push(m),
        leave: (s) => log.push(`${s.file}:${s.line}:${s.column}: left for the agent: ${s.reason}`),
        options: def.options,
      });
      await project.save();
    }
  } catch (error) {
    const e = toGodwitError(error, 'codemod-failed', `Fix the codemod of ${def.id}.`);
    return { status: 'error', reason: `${e.code}: ${e.message}`, log };
  }
  if (options.agent && canUseLlm(migration)) {
    const result = await runAgent({
      dir,
      migration: withoutChecks(migration),
      config: options.agent.config,
      baseline: [],
      log: (_level, m) => log.push(m),
    });
    const status: RunStatus = result.status === 'verified' ? 'verified' : result.status === 'failed' ? 'failed' : 'error';
    return { status, reason: `agent: ${result.reason}`, log, usage: result.usage };
  }
  return { status: 'verified', reason: applicability.reason, log };
}

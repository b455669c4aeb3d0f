/**
 * A runnable case (`"runnable": true` in case.json): its `before/` is a small project that uses
 * godwit's own devDependencies offline, as the samples under examples/ do — a `node_modules`
 * link to them is committed with it, nothing is installed. Eval makes it a git repository and
 * runs it through `runJob`, the very pipeline `godwit run` runs (dry run, no install): prepare,
 * baseline verifiers, the codemod, the agent when the case needs the model, and the gate with
 * typecheck, tests and guards. The produced tree is read from the kept run folder; the case
 * passes only when the run ends in the expected status (by default `verified`: gate green) and
 * the files match `after`.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FolderCase } from '../catalog/cases.js';
import type { LoadedMigration } from '../catalog/definition.js';
import { PACKAGE_ROOT } from '../config/package-info.js';
import { configSchema, type GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import { runGit } from '../process/index.js';
import type { RunReport } from '../report/run-report.js';
import { commitAll, removeRunFolder } from '../workspace/index.js';
import { readTree } from './case-folder.js';

/**
 * The node_modules godwit's own packages resolve from: the checkout's (devDependencies
 * included), or the one an installed godwit sits in.
 */
export function godwitToolbox(): string {
  const own = path.join(PACKAGE_ROOT, 'node_modules');
  if (existsSync(own)) return own;
  const parent = path.dirname(PACKAGE_ROOT);
  if (path.basename(parent) === 'node_modules') return parent;
  throw new GodwitError(
    'usage',
    `godwit has no node_modules next to ${PACKAGE_ROOT} for runnable eval cases to use`,
    'Run runnable cases from a godwit checkout with its devDependencies installed (npm ci).',
  );
}

/** The temporary folder an eval run's runnable cases live in: their repositories and godwit's workdir. */
export class RunnableRoot {
  readonly dir: string;

  constructor() {
    this.dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'godwit-eval-run-')));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RunnableOutcome {
  report: RunReport;
  /** The produced tree (node_modules and .git aside); `before` when the run stopped before cloning. */
  actual: Map<string, string>;
}

const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** The configuration a runnable case runs with: its own workdir, godwit's toolbox readable in the sandbox, no baseline cache, the model only when the case needs it. */
function caseConfig(config: GodwitConfig | undefined, root: RunnableRoot, toolbox: string, withModel: boolean): GodwitConfig {
  const base = config ?? configSchema.parse({});
  const { model: _model, ...llm } = base.llm;
  return {
    ...base,
    workdir: path.join(root.dir, 'work'),
    sandbox: { ...base.sandbox, readOnlyPaths: [...new Set([...base.sandbox.readOnlyPaths, toolbox, realpathSync(toolbox)])] },
    verify: { ...base.verify, baselineCacheHours: 0 },
    llm: withModel ? base.llm : llm,
  };
}

export async function runRunnableCase(
  migration: LoadedMigration,
  c: FolderCase,
  before: ReadonlyMap<string, string>,
  options: { root: RunnableRoot; config: GodwitConfig | undefined; withModel: boolean },
): Promise<RunnableOutcome> {
  const toolbox = godwitToolbox();
  const repo = path.join(options.root.dir, 'repos', safeName(c.name));
  rmSync(repo, { recursive: true, force: true });
  for (const [file, text] of before) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  symlinkSync(toolbox, path.join(repo, 'node_modules'), 'dir');
  await runGit(repo, ['init', '-q', '-b', 'main']);
  await commitAll(repo, `eval case ${c.name}: before`);

  const runId = `eval-${safeName(c.name)}`;
  const config = caseConfig(options.config, options.root, toolbox, options.withModel);
  // The pipeline loads only for a runnable case: single-file cases never pay its start-up.
  const { runJob } = await import('../pipeline/index.js');
  const report = await runJob({ migration, repo, config, dryRun: true, install: false, keepWorkdir: true, runId });
  const folder = { root: path.join(config.workdir, 'runs', runId), repoDir: path.join(config.workdir, 'runs', runId, 'repo') };
  try {
    const actual = existsSync(folder.repoDir) ? readTree(folder.repoDir) : new Map(before);
    return { report, actual };
  } finally {
    if (existsSync(folder.root)) removeRunFolder(folder);
    rmSync(repo, { recursive: true, force: true });
  }
}

/**
 * Runs one eval case: its `before` tree in the shared case folder, the migration through the
 * pipeline's parts (apply-case.ts), the gate's guards on the change (case-gate.ts), then the
 * produced files against `after`. The case passes when the status is the expected one and the
 * files match (Prettier-formatted).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import type { EvalCase, FolderCase } from '../catalog/cases.js';
import type { LoadedMigration } from '../catalog/definition.js';
import type { GodwitConfig } from '../config/schema.js';
import { briefSite } from '../pipeline/run-codemod.js';
import type { RunStatus } from '../report/run-report.js';
import { applyToCase } from './apply-case.js';
import { gateCase } from './case-gate.js';
import type { CaseFolder } from './case-folder.js';
import { readTree } from './case-folder.js';
import { compareFiles, sameText } from './compare.js';
import type { RunnableRoot } from './runnable-case.js';
import { treeChange } from './tree-diff.js';
import type { CaseResult, ProducedFile } from './types.js';

/**
 * A single-file pair gets a package.json that satisfies the migration's dependency
 * preconditions, so the case tests the transform and not the repository's setup.
 */
export function scaffoldPackageJson(migration: LoadedMigration): string {
  const deps: Record<string, string> = {};
  for (const [name, range] of Object.entries(migration.definition.appliesTo.dependencies ?? {})) {
    deps[name] = semver.minVersion(range)?.version ?? '*';
  }
  const pkg = { name: 'eval-case', version: '0.0.0', private: true, type: 'module', dependencies: deps };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export interface CaseTrees {
  before: Map<string, string>;
  /** What the produced tree must match (for a pair: its one file). */
  expected: Map<string, string>;
  /** The files compared (for a pair: only its file; the package.json is scaffolding). */
  compared?: ReadonlySet<string>;
}

export function readCase(migration: LoadedMigration, c: EvalCase): CaseTrees {
  if (c.kind === 'folder') return { before: readTree(c.beforeDir), expected: readTree(c.afterDir) };
  const input = readFileSync(c.inputFile, 'utf8');
  return {
    before: new Map([
      ['package.json', scaffoldPackageJson(migration)],
      [c.fileName, input],
    ]),
    expected: new Map([[c.fileName, readFileSync(c.outputFile, 'utf8')]]),
    compared: new Set([c.fileName]),
  };
}

function only(tree: ReadonlyMap<string, string>, keep: ReadonlySet<string> | undefined): Map<string, string> {
  return new Map([...tree].filter(([f]) => !keep || keep.has(f)));
}

function sameTrees(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([f, t]) => sameText(t, b.get(f)));
}

function textOf(tree: ReadonlyMap<string, string>, path: string): Pick<ProducedFile, 'text'> {
  const text = tree.get(path);
  return text !== undefined ? { text } : {};
}

function produced(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ProducedFile[] {
  return treeChange(before, after).changedFiles.map((f) => ({
    path: f.path,
    status: f.status === 'added' ? 'added' : f.status === 'deleted' ? 'deleted' : 'modified',
    ...textOf(after, f.path),
  }));
}

export interface RunCaseOptions {
  folder: CaseFolder;
  /** With llm.model set, cases that need the LLM run the agent after the codemod. */
  llm?: GodwitConfig;
  /** Where runnable cases run, and the configuration they run with (sandbox, verifier limits). */
  runnable?: { root: RunnableRoot; config: GodwitConfig | undefined };
}

const DROPPED = "the codemod's change to this file was dropped: ";

/** A runnable case: the whole pipeline on a real project (runnable-case.ts), judged by its gate and `after`. */
async function runRunnable(migration: LoadedMigration, c: FolderCase, trees: CaseTrees, expectedStatus: RunStatus, options: RunCaseOptions, started: number): Promise<CaseResult> {
  // Loaded for a runnable case only (it brings the pipeline): single-file cases never pay for it.
  const { RunnableRoot, runRunnableCase } = await import('./runnable-case.js');
  const root = options.runnable?.root ?? new RunnableRoot();
  try {
    const { report, actual } = await runRunnableCase(migration, c, trees.before, {
      root,
      config: options.runnable?.config ?? options.llm,
      withModel: c.meta.needsLlm && options.llm !== undefined,
    });
    const mismatches = await compareFiles(trees.expected, actual);
    const reasons = [report.reason];
    const statusOk = report.status === expectedStatus;
    if (!statusOk) reasons.unshift(`expected status ${expectedStatus}, got ${report.status}`);
    if (mismatches.length) reasons.unshift(`${mismatches.length} file(s) differ: ${mismatches.map((m) => m.file).join(', ')}`);
    const leftovers = (report.sites?.leftovers ?? []).map(({ reason, ...at }) => ({ ...at, ...(reason !== undefined ? { reason } : {}) }));
    const dropped = [...new Set(leftovers.filter((l) => l.reason?.startsWith(DROPPED)).map((l) => l.file))].map((file) => ({
      file,
      problems: leftovers.filter((l) => l.file === file && l.reason?.startsWith(DROPPED)).map((l) => l.reason!.slice(DROPPED.length)),
    }));
    const gateRan = report.stages.some((s) => s.name === 'gate' && s.status !== 'skipped');
    return {
      name: c.name,
      kind: c.kind,
      runnable: true,
      description: c.meta.description,
      needsLlm: c.meta.needsLlm,
      status: report.status,
      expectedStatus,
      passed: statusOk && mismatches.length === 0,
      reason: reasons.join('; '),
      files: produced(trees.before, actual),
      ...(mismatches.length ? { diff: mismatches.map((m) => m.diff).join('\n') } : {}),
      ...(report.sites ? { codemod: { found: report.sites.found, handledByCodemod: report.sites.handledByCodemod, dropped } } : {}),
      leftovers,
      guards: report.guards,
      ...(gateRan
        ? {
            gate: {
              ran: [...report.final.filter((v) => v.status !== 'skipped').map((v) => v.kind), 'guards'],
              result: report.status === 'verified' ? ('pass' as const) : ('blocked' as const),
              reasons: report.status === 'verified' ? [] : [report.reason],
              verifiers: report.final.map((v) => ({ kind: v.kind, command: v.command, status: v.status, ...(v.tests ? { tests: v.tests } : {}) })),
            },
          }
        : {}),
      durationMs: Date.now() - started,
      tokens: report.usage.totalTokens,
    };
  } finally {
    if (!options.runnable) root.dispose();
  }
}

export async function runCase(migration: LoadedMigration, c: EvalCase, options: RunCaseOptions): Promise<CaseResult> {
  const started = Date.now();
  const base = { name: c.name, kind: c.kind, description: c.meta.description, needsLlm: c.meta.needsLlm, files: [], leftovers: [], guards: [], tokens: 0 };
  const { before, expected, compared } = readCase(migration, c);
  const expectedStatus: RunStatus = c.meta.expectedStatus ?? (sameTrees(only(before, compared), expected) ? 'no-changes' : 'verified');

  if (c.meta.needsLlm && !options.llm) {
    return { ...base, status: 'skipped', expectedStatus, passed: false, reason: 'skipped (needs LLM)', durationMs: 0 };
  }

  if (c.kind === 'folder' && c.meta.runnable) return runRunnable(migration, c, { before, expected, ...(compared ? { compared } : {}) }, expectedStatus, options, started);

  const { folder } = options;
  folder.load(before);
  const result = await applyToCase(migration, folder.dir, {
    files: [...before.keys()],
    ...(c.meta.needsLlm && options.llm ? { agent: { config: options.llm } } : {}),
  });
  const actual = folder.read();
  const change = treeChange(before, actual);
  let status: RunStatus = result.status;
  const reasons = [result.reason];
  let gate: CaseResult['gate'];
  let guards: CaseResult['guards'] = [];
  // A pair's package.json is scaffolding: the pair changed nothing when its own file did not change.
  const changedCase = change.changedFiles.some((f) => !compared || compared.has(f.path));
  if (status === 'verified' && !changedCase) status = 'no-changes';
  if (changedCase && (status === 'verified' || status === 'failed')) {
    const g = await gateCase(folder.dir, result.migration, before, actual);
    gate = { ran: g.ran, result: g.result, reasons: g.reasons };
    guards = g.findings;
    if (g.result === 'blocked') {
      status = 'failed';
      reasons.unshift(...g.reasons);
    }
  }
  const mismatches = await compareFiles(expected, only(actual, compared));
  const statusOk = status === expectedStatus;
  if (!statusOk) reasons.unshift(`expected status ${expectedStatus}, got ${status}`);
  if (mismatches.length) reasons.unshift(`${mismatches.length} file(s) differ: ${mismatches.map((m) => m.file).join(', ')}`);
  const codemod = result.codemod;
  return {
    ...base,
    status,
    expectedStatus,
    passed: statusOk && mismatches.length === 0,
    reason: reasons.join('; '),
    files: produced(before, actual),
    ...(mismatches.length ? { diff: mismatches.map((m) => m.diff).join('\n') } : {}),
    ...(codemod ? { codemod: { found: codemod.found.length, handledByCodemod: codemod.handledByCodemod, dropped: codemod.dropped } } : {}),
    leftovers: codemod?.left.map(briefSite) ?? [],
    guards,
    ...(gate ? { gate } : {}),
    durationMs: Date.now() - started,
    tokens: result.usage?.totalTokens ?? 0,
  };
}

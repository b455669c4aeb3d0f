/** Runs one eval case: temp repo from `before`/`input`, the migration, compare with `after`/`output`. */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import type { EvalCase } from '../catalog/cases.js';
import type { LoadedMigration } from '../catalog/definition.js';
import type { RunStatus } from '../report/run-report.js';
import { compareFiles } from './compare.js';
import type { CaseResult, CaseRunner } from './types.js';
import { makeCaseRepo, readTree, removeRepo } from './workspace.js';

/**
 * A single-file pair gets a package.json that satisfies the migration's dependency
 * preconditions, so the case tests the transform and not the repository's setup.
 */
function minimalRepoFiles(migration: LoadedMigration, fileName: string, input: string): Record<string, string> {
  const deps: Record<string, string> = {};
  for (const [name, range] of Object.entries(migration.definition.appliesTo.dependencies ?? {})) {
    deps[name] = semver.minVersion(range)?.version ?? '*';
  }
  const pkg = { name: 'eval-case', version: '0.0.0', private: true, type: 'module', dependencies: deps };
  return { 'package.json': `${JSON.stringify(pkg, null, 2)}\n`, [fileName]: input };
}

async function sameTrees(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Promise<boolean> {
  return (await compareFiles(a, b)).length === 0;
}

export interface RunCaseOptions {
  runner: CaseRunner;
  llmConfigured: boolean;
}

export async function runCase(migration: LoadedMigration, c: EvalCase, options: RunCaseOptions): Promise<CaseResult> {
  const started = Date.now();
  const base = { name: c.name, kind: c.kind, description: c.meta.description, needsLlm: c.meta.needsLlm };

  let before: Map<string, string>;
  let expected: Map<string, string>;
  let repoFiles: { fromDir?: string; files?: Record<string, string> };
  if (c.kind === 'folder') {
    before = readTree(c.beforeDir);
    expected = readTree(c.afterDir);
    repoFiles = { fromDir: c.beforeDir };
  } else {
    const input = readFileSync(c.inputFile, 'utf8');
    before = new Map([[c.fileName, input]]);
    expected = new Map([[c.fileName, readFileSync(c.outputFile, 'utf8')]]);
    repoFiles = { files: minimalRepoFiles(migration, c.fileName, input) };
  }
  const expectedStatus: RunStatus =
    c.meta.expectedStatus ?? ((await sameTrees(before, expected)) ? 'no-changes' : 'verified');

  if (c.meta.needsLlm && !options.llmConfigured) {
    return { ...base, status: 'skipped', expectedStatus, passed: false, reason: 'skipped (needs LLM)', durationMs: 0, tokens: 0 };
  }

  const dir = makeCaseRepo(repoFiles);
  try {
    const result = await options.runner(migration, dir, { name: c.name, needsLlm: c.meta.needsLlm });
    let actual = readTree(dir);
    // A single-file pair compares only its file; the synthesized package.json is scaffolding.
    if (c.kind === 'pair') actual = new Map([[c.fileName, actual.get(c.fileName) ?? '']]);
    let status: RunStatus = result.status;
    if (status === 'verified' && (await sameTrees(before, actual))) status = 'no-changes';
    const mismatches = await compareFiles(expected, actual);
    const statusOk = status === expectedStatus;
    const passed = statusOk && mismatches.length === 0;
    const reasons = [result.reason];
    if (!statusOk) reasons.unshift(`expected status ${expectedStatus}, got ${status}`);
    if (mismatches.length) reasons.unshift(`${mismatches.length} file(s) differ: ${mismatches.map((m) => m.file).join(', ')}`);
    return {
      ...base,
      status,
      expectedStatus,
      passed,
      reason: reasons.join('; '),
      ...(mismatches.length ? { diff: mismatches.map((m) => m.diff).join('\n') } : {}),
      durationMs: Date.now() - started,
      tokens: result.usage?.totalTokens ?? 0,
    };
  } finally {
    removeRepo(dir);
  }
}

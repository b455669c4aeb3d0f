/** `godwit eval`: runs a migration on every case of a folder and sums the results up. */
import path from 'node:path';
import { listCases } from '../catalog/cases.js';
import type { LoadedMigration } from '../catalog/definition.js';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import { CaseFolder } from './case-folder.js';
import { runCase } from './run-case.js';
import type { CaseResult, EvalReport } from './types.js';

export interface RunEvalOptions {
  /** Folder of cases; default `<migration dir>/cases`. */
  casesDir?: string | undefined;
  /**
   * With `llm.model` set, cases marked needsLlm run the agent after the codemod (against that
   * endpoint) instead of being skipped; the other cases never call the model.
   */
  config?: GodwitConfig;
  /** Only cases whose name contains this text. */
  filter?: string | undefined;
  onCase?: ((result: CaseResult) => void) | undefined;
}

export async function runEval(migration: LoadedMigration, options: RunEvalOptions = {}): Promise<EvalReport> {
  const casesDir = path.resolve(
    options.casesDir ?? (migration.dir ? path.join(migration.dir, 'cases') : '.'),
  );
  let cases = listCases(casesDir);
  if (options.filter) cases = cases.filter((c) => c.name.includes(options.filter ?? ''));
  if (cases.length === 0) {
    throw new GodwitError(
      'usage',
      `No eval cases in ${casesDir}`,
      'A case is a folder <case>/before + <case>/after, or a pair <name>.input.<ext> + <name>.output.<ext>; point --cases at such a folder.',
    );
  }
  const started = Date.now();
  const results: CaseResult[] = [];
  const llm = options.config?.llm.model ? options.config : undefined;
  const folder = new CaseFolder();
  // Runnable cases share one temporary root (their repositories and workdir); loaded only when there are some.
  const runnable = cases.some((c) => c.meta.runnable) ? { root: new (await import('./runnable-case.js')).RunnableRoot(), config: options.config } : undefined;
  try {
    for (const c of cases) {
      const result = await runCase(migration, c, { folder, ...(llm ? { llm } : {}), ...(runnable ? { runnable } : {}) });
      results.push(result);
      options.onCase?.(result);
    }
  } finally {
    folder.dispose();
    runnable?.root.dispose();
  }
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const passed = results.filter((r) => r.passed).length;
  const ran = results.length - skipped;
  return {
    migration: migration.definition.id,
    casesDir,
    total: results.length,
    passed,
    failed: ran - passed,
    skipped,
    passRate: ran === 0 ? 1 : passed / ran,
    durationMs: Date.now() - started,
    tokens: results.reduce((sum, r) => sum + r.tokens, 0),
    cases: results,
  };
}

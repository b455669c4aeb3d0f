/**
 * Every catalog migration on all its own cases through `godwit eval <id> --json` (the CLI, as a
 * migration author runs it): 100% of the deterministic cases pass with the gate's guards on,
 * no codemod output is dropped by the per-file check (no catalog codemod emits a file that fails
 * to parse or adds a TypeScript diagnostic), no guard blocks a case that expects to pass, and
 * every case that changed files went through the gate. Each migration has runnable cases, on
 * which the real gate ran (typecheck and tests on the produced project, then the guards).
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';
import { listMigrations } from '../../src/catalog/registry.js';
import type { EvalReport } from '../../src/eval/index.js';

const ids = (await listMigrations()).map((m) => m.definition.id).sort();

async function evalJson(id: string): Promise<{ code: number; report: EvalReport }> {
  const out: string[] = [];
  const io: Io = { isTTY: false, stdout: (t) => void out.push(t), stderr: () => {} };
  const code = await main(['node', 'godwit', 'eval', id, '--json'], io);
  return { code, report: JSON.parse(out.join('\n')) as EvalReport };
}

describe('godwit eval over every catalog case', () => {
  it('covers the five catalog migrations', () => {
    expect(ids).toEqual(['commonjs-to-esm', 'enzyme-to-rtl', 'jest-to-vitest', 'moment-to-dayjs', 'node-protocol-imports']);
  });

  it.each(ids)('%s: every case passes with the guards on, and no codemod output is dropped', async (id) => {
    const { code, report } = await evalJson(id);
    const ran = report.cases.filter((c) => c.status !== 'skipped');
    expect(ran.filter((c) => !c.passed).map((c) => `${c.name}: ${c.reason}\n${c.diff ?? ''}`)).toEqual([]);
    expect(code).toBe(0);
    expect(report.passRate).toBe(1);
    expect(report.total).toBeGreaterThanOrEqual(40);
    // The file check kept every change: no codemod output breaks a file.
    expect(ran.flatMap((c) => (c.codemod?.dropped ?? []).map((d) => `${c.name}: ${d.file}: ${d.problems.join('; ')}`))).toEqual([]);
    // Every case that produced a change was judged by the guards; none blocks an expected pass.
    for (const c of ran.filter((c) => c.status === 'verified' || c.status === 'failed')) {
      if (!c.runnable) expect(c.gate, c.name).toMatchObject({ ran: ['guards'] });
      if (c.expectedStatus !== 'failed') expect(c.guards.filter((g) => g.severity === 'block'), c.name).toEqual([]);
    }
    expect(ran.some((c) => c.gate !== undefined)).toBe(true);
    // At least one runnable case, on which the real gate ran: typecheck, tests and guards, green.
    const runnable = ran.filter((c) => c.runnable);
    expect(runnable.length, 'runnable cases').toBeGreaterThanOrEqual(1);
    for (const c of runnable) {
      expect(c.gate?.ran, c.name).toEqual(expect.arrayContaining(['typecheck', 'test', 'guards']));
      if (c.expectedStatus === 'verified') expect(c.gate?.verifiers?.filter((v) => v.status !== 'pass' && v.status !== 'skipped'), c.name).toEqual([]);
    }
  }, 900_000); // runnable cases run tsc and the test runner twice (baseline and gate) each
});

/**
 * skipped-tests and missing-tests: judged from the runners' per-test reports when both exist,
 * from the diff text otherwise; `xit` → `it.skip` style renames are no change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInput } from '../../../src/catalog/definition.js';
import { normalizeModifiers } from '../../../src/verify/guards/checks/skipped-tests.js';
import type { TestCase, VerifierRun } from '../../../src/verify/test-cases.js';
import { template, writeFiles } from '../../agent/fixtures.js';
import { guardsAfter as guardsAfterIn } from './helpers.js';

const SPEC = [
  "describe('math', () => {",
  "  it('adds', () => {});",
  "  xit('subtracts', () => {});",
  "  it('multiplies', () => {});",
  '});',
  "xdescribe('later', () => {",
  "  it('divides', () => {});",
  '});',
  '',
].join('\n');

let tpl: ReturnType<typeof template>;
beforeAll(() => {
  tpl = template({ 'package.json': '{"name":"x"}\n', 'test/math.test.ts': SPEC });
});
afterAll(() => tpl.cleanup());

const guardsAfter = (content: string, results?: { baseline: VerifierRun[]; final: VerifierRun[] }, overrides: Partial<MigrationInput> = {}) =>
  guardsAfterIn(() => tpl.copy(), (dir) => writeFiles(dir, { 'test/math.test.ts': content }), { scope: { include: ['**/*'] }, ...overrides }, results).then((fs) =>
    fs.filter((f) => f.guard === 'skipped-tests' || f.guard === 'missing-tests'),
  );

const run = (cases: TestCase[], command = 'vitest run'): VerifierRun => ({
  kind: 'test',
  command,
  status: 'pass',
  exitCode: 0,
  durationMs: 1,
  diagnostics: [],
  diagnosticsTotal: 0,
  outputTail: '',
  tests: { passed: cases.filter((c) => c.status === 'passed').length, failed: 0, skipped: cases.filter((c) => c.status !== 'passed').length, total: cases.length },
  cases,
});
const c = (name: string, status: TestCase['status']): TestCase => ({ file: 'test/math.test.ts', name, status });
const BASE_CASES = [c('math adds', 'passed'), c('math subtracts', 'skipped'), c('math multiplies', 'passed'), c('later divides', 'skipped')];

describe('skipped-tests without runner reports (text fallback)', () => {
  it('xit → it.skip, xdescribe → describe.skip, fit → it.only are renames, not new skips', async () => {
    expect(normalizeModifiers("  xit('a', () => {}); fdescribe('b'); profit(1)")).toBe("  it.skip('a', () => {}); describe.only('b'); profit(1)");
    expect(normalizeModifiers("xit.each([1])('a', f); fdescribe.each([2])('b', g); test.failing.each([3])('c', h); it.failing('d', i)")).toBe(
      "it.skip.each([1])('a', f); describe.only.each([2])('b', g); test.fails.each([3])('c', h); it.fails('d', i)",
    );
    const migrated = SPEC.replace("xit('subtracts'", "it.skip('subtracts'").replace("xdescribe('later'", "describe.skip('later'");
    expect(await guardsAfter(migrated)).toEqual([]);
  });

  it.each([
    ['it.fails', "  it.fails('multiplies', () => {});"],
    ['test.failing', "  test.failing('multiplies', () => {});"],
    ['it.todo', "  it.todo('multiplies');"],
    ['it.skipIf', "  it.skipIf(process.env.CI)('multiplies', () => {});"],
    ['it.runIf', "  it.runIf(!process.env.CI)('multiplies', () => {});"],
    ['test.concurrent.only', "  test.concurrent.only('multiplies', () => {});"],
    ['it.only', "  fit('multiplies', () => {});"],
    ['xtest', "  xtest('multiplies', () => {});"],
  ])('a new %s blocks', async (form, line) => {
    const findings = await guardsAfter(SPEC.replace("  it('multiplies', () => {});", line));
    expect(findings).toEqual([expect.objectContaining({ guard: 'skipped-tests', severity: 'block', line: 4, message: expect.stringContaining(`\`${form.replace('xtest', 'test.skip').replace('failing', 'fails')}`) })]);
  });
});

describe('skipped-tests from runner reports', () => {
  it('the same tests skipped before and after (xit → it.skip) pass', async () => {
    const migrated = SPEC.replace("xit('subtracts'", "it.skip('subtracts'").replace("xdescribe('later'", "describe.skip('later'");
    expect(await guardsAfter(migrated, { baseline: [run(BASE_CASES, 'jest --ci')], final: [run(BASE_CASES)] })).toEqual([]);
  });

  it('a test that passed at baseline and is skipped or todo now blocks, named by the report', async () => {
    const after = [c('math adds', 'passed'), c('math subtracts', 'skipped'), c('math multiplies', 'todo'), c('later divides', 'skipped')];
    const findings = await guardsAfter(SPEC.replace("  it('multiplies', () => {});", "  it.todo('multiplies');"), { baseline: [run(BASE_CASES)], final: [run(after)] });
    expect(findings).toEqual([expect.objectContaining({ guard: 'skipped-tests', message: '"math multiplies" passed at baseline and is todo now (runner report)', file: 'test/math.test.ts' })]);
  });

  it('a new test that arrives skipped raises the skipped count and blocks', async () => {
    const after = [...BASE_CASES, c('math negates', 'skipped')];
    const findings = await guardsAfter(SPEC.replace('});\nxdescribe', "  it.skip('negates', () => {});\n});\nxdescribe"), { baseline: [run(BASE_CASES)], final: [run(after)] });
    expect(findings.map((f) => f.message)).toEqual(['3 skipped test(s) after the change, 2 at baseline (runner report)']);
  });

  it('a new it.fails blocks even though the report shows it as passed', async () => {
    const findings = await guardsAfter(SPEC.replace("  it('multiplies', () => {});", "  it.fails('multiplies', () => {});"), { baseline: [run(BASE_CASES)], final: [run(BASE_CASES)] });
    expect(findings).toEqual([expect.objectContaining({ guard: 'skipped-tests', message: 'new `it.fails` in test/math.test.ts:4' })]);
  });
});

describe('missing-tests', () => {
  it('a test that passed at baseline and is gone blocks; declared renames match it', async () => {
    const after = [c('math adds', 'passed'), c('math subtracts', 'skipped'), c('later divides', 'skipped')];
    const gone = SPEC.replace("  it('multiplies', () => {});\n", '');
    const findings = await guardsAfter(gone, { baseline: [run(BASE_CASES)], final: [run(after)] });
    expect(findings).toEqual([expect.objectContaining({ guard: 'missing-tests', message: '"math multiplies" passed at baseline and did not run after the change (runner report)' })]);

    const renamedAfter = [...after, c('math times', 'passed')];
    const renamed = await guardsAfter(gone, { baseline: [run(BASE_CASES)], final: [run(renamedAfter)] }, { testRenames: [{ in: 'name', pattern: 'multiplies$', replacement: 'times' }] });
    expect(renamed).toEqual([]);
  });

  it('a toolchain change whose runner wrote no report cannot be compared and blocks', async () => {
    const noReport = { ...run([]), cases: undefined, command: 'npm run test' };
    const findings = await guardsAfter(SPEC, { baseline: [run(BASE_CASES, 'jest --ci')], final: [noReport] }, { changesToolchain: ['test'] });
    expect(findings).toEqual([expect.objectContaining({ guard: 'missing-tests', message: expect.stringContaining('the final run (npm run test) wrote no runner report') })]);
    expect(await guardsAfter(SPEC, { baseline: [run(BASE_CASES, 'jest --ci')], final: [noReport] })).toEqual([]);
  });
});

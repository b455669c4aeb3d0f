/** Per-test comparison from runner reports: identity by file + full name, declared renames, duplicates. */
import { describe, expect, it } from 'vitest';
import { compareTestCases, normalizeTestStatus, renamed, tally, type TestCase } from '../../src/verify/test-cases.js';

const t = (name: string, status: TestCase['status'], file = 'test/a.test.ts'): TestCase => ({ file, name, status });

describe('compareTestCases', () => {
  it('finds tests that passed at baseline and are missing, failing or skipped after', () => {
    const before = [t('a one', 'passed'), t('a two', 'passed'), t('a three', 'passed'), t('a four', 'passed'), t('a old', 'skipped')];
    const after = [t('a one', 'passed'), t('a two', 'failed'), t('a three', 'todo'), t('a old', 'skipped'), t('a new', 'passed')];
    const c = compareTestCases(before, after);
    expect(c.missing.map((m) => m.name)).toEqual(['a four']);
    expect(c.failing.map((m) => m.name)).toEqual(['a two']);
    expect(c.nowSkipped.map((m) => `${m.name}:${m.status}`)).toEqual(['a three:todo']);
    expect(c.before).toEqual({ ran: 4, passed: 4, skipped: 1, todo: 0 });
    expect(c.after).toEqual({ ran: 3, passed: 2, skipped: 1, todo: 1 });
  });

  it('matches duplicate names (test.each) one to one, so one lost duplicate is found', () => {
    const before = [t('adds 1', 'passed'), t('adds 1', 'passed')];
    expect(compareTestCases(before, [t('adds 1', 'passed')]).missing).toHaveLength(1);
    expect(compareTestCases(before, before).missing).toHaveLength(0);
  });

  it('applies the migration’s declared renames to the baseline identities', () => {
    const before = [t('math adds', 'passed', 'src/math.spec.js')];
    const after = [t('math › adds', 'passed', 'src/math.test.ts')];
    const renames = [
      { in: 'file' as const, pattern: '\\.spec\\.js$', replacement: '.test.ts' },
      { in: 'name' as const, pattern: '^math ', replacement: 'math › ' },
    ];
    expect(renamed(before[0]!, renames)).toEqual({ file: 'src/math.test.ts', name: 'math › adds' });
    expect(compareTestCases(before, after, renames).missing).toEqual([]);
    expect(compareTestCases(before, after).missing).toHaveLength(1);
  });

  it('normalises runner statuses (jest pending/disabled, vitest skipped) and tallies', () => {
    expect(['passed', 'failed', 'pending', 'skipped', 'disabled', 'todo', 'focused'].map(normalizeTestStatus)).toEqual([
      'passed',
      'failed',
      'skipped',
      'skipped',
      'skipped',
      'todo',
      'skipped',
    ]);
    expect(tally([t('x', 'passed'), t('y', 'failed'), t('z', 'todo')])).toEqual({ ran: 2, passed: 1, skipped: 0, todo: 1 });
  });
});

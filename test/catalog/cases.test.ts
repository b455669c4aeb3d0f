import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countCases, listCases } from '../../src/catalog/cases.js';
import { GodwitError } from '../../src/errors.js';
import { walkFiles } from '../../src/eval/snapshot.js';
import { CATALOG_DIR, listMigrations } from '../../src/catalog/registry.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'godwit-cases-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('countCases', () => {
  it('counts at least 12 cases for each of the five catalog migrations', async () => {
    const ids = (await listMigrations()).map((m) => m.definition.id).sort();
    expect(ids).toEqual(['commonjs-to-esm', 'enzyme-to-rtl', 'jest-to-vitest', 'moment-to-dayjs', 'node-protocol-imports']);
    for (const id of ids) expect(countCases(path.join(CATALOG_DIR, id, 'cases')), id).toBeGreaterThanOrEqual(12);
  });

  it('counts both layouts; notes (*.md, dotfiles) are no cases', () => {
    const dir = path.join(tmp, 'good');
    const files: Record<string, string> = {
      'a/before/x.ts': '',
      'a/after/x.ts': '',
      'a/README.md': 'why this case',
      'p.input.ts': '',
      'p.output.ts': '',
      'q.input.tsx': '',
      'q.case.json': '{"needsLlm": true}',
      'q.output.tsx': '',
      'notes.md': '',
      '.DS_Store': '',
    };
    write(dir, files);
    expect(countCases(dir)).toBe(3);
    const cases = listCases(dir);
    expect(cases.map((c) => `${c.kind}:${c.name}`)).toEqual(['folder:a', 'pair:p', 'pair:q']);
    expect(cases[2]!.meta.needsLlm).toBe(true);
    expect(countCases(path.join(tmp, 'missing'))).toBe(0);
  });
});

function write(dir: string, files: Record<string, string>): void {
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), t);
  }
}

/** The error listCases throws for a cases folder holding `files` (plus one good pair). */
function layoutError(name: string, files: Record<string, string>): GodwitError {
  const dir = path.join(tmp, name);
  write(dir, { 'good.input.ts': 'x', 'good.output.ts': 'x', ...files });
  try {
    listCases(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(GodwitError);
    return error as GodwitError;
  }
  throw new Error(`listCases accepted ${name}`);
}

describe('malformed case folders', () => {
  it.each([
    ['a folder without after/', { 'half/before/x.ts': '' }, 'half', /"half" .*no after\//, /half\/after\//],
    ['a folder without before/', { 'half/after/x.ts': '' }, 'half', /"half" .*no before\//, /half\/before\//],
    ['an empty folder', { 'empty/.keep': '' }, 'empty', /no before\/ and no after\//, /empty\/before\/ and empty\/after\//],
    ['a stray file in a folder case', { 'c/before/x.ts': '', 'c/after/x.ts': '', 'c/expected.ts': '' }, 'c', /unexpected "expected\.ts"/, /case\.json/],
    ['an input without output', { 'lonely.input.ts': '' }, 'lonely', /lonely\.input\.ts has no lonely\.output\.ts/, /Add lonely\.output\.ts/],
    ['an output without input', { 'orphan.output.js': '' }, 'orphan', /orphan\.output\.js has no orphan\.input\.js/, /Add orphan\.input\.js/],
    ['a case.json of no pair', { 'ghost.case.json': '{}' }, 'ghost', /ghost\.case\.json belongs to no pair/, /Rename it/],
    ['a file that is no case', { 'sample.ts': '' }, 'sample.ts', /neither a case folder nor part of a pair/, /<name>\.input\.<ext>/],
    ['two cases of one name', { 'dup.input.ts': '', 'dup.output.ts': '', 'dup/before/x.ts': '', 'dup/after/x.ts': '' }, 'dup', /two cases have this name/, /unique/],
    ['case.json that is not JSON', { 'good.case.json': '{ needsLlm: yes' }, 'good', /good\.case\.json is not valid JSON/, /Fix the JSON syntax/],
    ['case.json with an unknown key', { 'c/before/x.ts': '', 'c/after/x.ts': '', 'c/case.json': '{"expected": "verified"}' }, 'c', /case\.json is invalid:[\s\S]*expected/, /expectedStatus \(a run status: verified/],
    ['case.json with a bad status', { 'good.case.json': '{"expectedStatus": "passed"}' }, 'good', /expectedStatus/, /needsLlm \(boolean\)/],
  ])('%s is eval-case-invalid, naming the case, with a hint', (label, files, name, message, hint) => {
    const e = layoutError(label.replace(/\W+/g, '-'), files);
    expect(e.code).toBe('eval-case-invalid');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`Eval case "${name}"`);
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(hint);
  });
});

describe('catalog case files', () => {
  it('never match the project vitest include (migrations-catalog/**/*.test.ts): case tests are *.spec.*', () => {
    const offenders = walkFiles(CATALOG_DIR).filter((f) => f.includes('/cases/') && f.endsWith('.test.ts'));
    expect(offenders).toEqual([]);
  });
});


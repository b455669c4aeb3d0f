import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countCases, listCases } from '../../src/catalog/cases.js';
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

  it('counts both layouts and ignores incomplete ones', () => {
    const files: Record<string, string> = {
      'a/before/x.ts': '',
      'a/after/x.ts': '',
      'only-before/before/x.ts': '',
      'p.input.ts': '',
      'p.output.ts': '',
      'q.input.tsx': '',
      'q.case.json': '{"needsLlm": true}',
      'q.output.tsx': '',
      'lonely.input.ts': '',
      'notes.md': '',
    };
    for (const [f, t] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
      writeFileSync(path.join(tmp, f), t);
    }
    expect(countCases(tmp)).toBe(3);
    const cases = listCases(tmp);
    expect(cases.map((c) => `${c.kind}:${c.name}`)).toEqual(['folder:a', 'pair:p', 'pair:q']);
    expect(cases[2]!.meta.needsLlm).toBe(true);
    expect(countCases(path.join(tmp, 'missing'))).toBe(0);
  });
});

describe('catalog case files', () => {
  it('never match the project vitest include (migrations-catalog/**/*.test.ts): case tests are *.spec.*', () => {
    const offenders = walkFiles(CATALOG_DIR).filter((f) => f.includes('/cases/') && f.endsWith('.test.ts'));
    expect(offenders).toEqual([]);
  });
});


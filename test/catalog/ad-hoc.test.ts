import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdHocMigration } from '../../src/catalog/ad-hoc.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-adhoc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadAdHocMigration', () => {
  it('makes a prompt-only migration over the whole repository from a Markdown file', () => {
    const file = path.join(dir, 'change.md');
    writeFileSync(file, '# Use strict equality\n\nEvery == becomes ===.\n');
    const m = loadAdHocMigration('change.md', dir);
    expect(m.definition).toMatchObject({ id: 'ad-hoc', title: 'Use strict equality', prompt: file, scope: { include: ['**/*'] } });
    expect(m.definition.codemod).toBeUndefined();
    expect(m.promptText).toContain('Every == becomes ===.');
    expect(m.branch).toBe('godwit/ad-hoc');
    expect(m.dir).toBeUndefined();
  });

  it('a missing or empty prompt file is a usage error', () => {
    expect(() => loadAdHocMigration('missing.md', dir)).toThrow(/Prompt file not found/);
    writeFileSync(path.join(dir, 'empty.md'), '  \n');
    expect(() => loadAdHocMigration('empty.md', dir)).toThrow(/is empty/);
  });
});

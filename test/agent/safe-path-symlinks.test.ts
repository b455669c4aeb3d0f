/**
 * Symlinks to files that exist: one to a file inside the repository, one to a file outside it.
 * Writes through either are refused (the model could otherwise edit a file outside the
 * workspace, or an in-repo file under a name the scope does not cover); reading the in-repo
 * one is fine, reading the outside one is not.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPath } from '../../src/agent/safe-path.js';

let parent: string;
let root: string;
beforeEach(() => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'godwit-symlinks-'));
  root = path.join(parent, 'repo');
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'src/real.ts'), 'export const real = 1;\n');
  writeFileSync(path.join(parent, 'secret.txt'), 'outside\n');
  symlinkSync(path.join(root, 'src/real.ts'), path.join(root, 'src/inside-link.ts'));
  symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'src/outside-link.ts'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const scope = { include: ['src/**'], exclude: [] };
const verdict = (p: string, write: boolean): string => {
  const r = checkPath(root, p, { write, scope });
  return r.ok ? 'ok' : r.reason;
};

describe('symlinks to existing files', () => {
  it('a symlink to an existing file inside the repository: read ok, write refused', () => {
    expect(verdict('src/inside-link.ts', false)).toBe('ok');
    expect(verdict('src/inside-link.ts', true)).toMatch(/symbolic link; edits through symlinks are refused/);
    expect(verdict('src/real.ts', true)).toBe('ok');
  });

  it('a symlink to an existing file outside the repository: read and write refused', () => {
    expect(verdict('src/outside-link.ts', false)).toMatch(/points outside the repository/);
    expect(verdict('src/outside-link.ts', true)).toMatch(/symbolic link; edits through symlinks are refused/);
  });
});

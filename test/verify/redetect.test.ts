/**
 * redetectVerifiers: the gate's verifiers after a migration that replaces the toolchain.
 * Detection only looks for files, so the repository's bins here are empty placeholder files.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectVerifiers, redetectVerifiers } from '../../src/verify/detect.js';

let dir: string;
const ALL = { typecheck: true, lint: true, test: true };

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), content);
}

const summary = (vs: ReturnType<typeof detectVerifiers>): string[] => vs.map((v) => `${v.kind}:${v.tool}`);

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-redetect-'));
  for (const bin of ['tsc', 'jest', 'vitest']) write(`node_modules/.bin/${bin}`, '');
  write('tsconfig.json', '{}');
  write('jest.config.js', 'module.exports = {};\n');
  write('package.json', JSON.stringify({ scripts: { test: 'jest' }, devDependencies: { jest: '^29.7.0' } }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('redetectVerifiers', () => {
  it('follows a test runner the migration replaced (jest → vitest)', () => {
    const baseline = detectVerifiers(dir, ALL);
    expect(summary(baseline)).toEqual(['typecheck:tsc', 'test:jest']);
    unlinkSync(path.join(dir, 'jest.config.js'));
    write('vitest.config.ts', 'export default {};\n');
    write('package.json', JSON.stringify({ scripts: { test: 'vitest run' }, devDependencies: { vitest: '^4.0.0' } }));
    expect(summary(redetectVerifiers(dir, ALL, baseline))).toEqual(['typecheck:tsc', 'test:vitest']);
  });

  it('keeps a baseline verifier whose kind is no longer detected, and honours the flags', () => {
    const baseline = detectVerifiers(dir, ALL);
    unlinkSync(path.join(dir, 'jest.config.js'));
    write('package.json', JSON.stringify({}));
    const after = redetectVerifiers(dir, ALL, baseline);
    expect(summary(after)).toEqual(['typecheck:tsc', 'test:jest']);
    expect(after[1]).toBe(baseline[1]);
    expect(summary(redetectVerifiers(dir, { typecheck: true, lint: false, test: false }, baseline.slice(0, 1)))).toEqual(['typecheck:tsc']);
  });
});

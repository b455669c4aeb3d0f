/** Script verifiers pinned to the base tree's command text, run with sh and the repository's PATH. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinScriptCommands, scriptName } from '../../src/verify/base-commands.js';
import type { Verifier } from '../../src/verify/detect.js';
import { runVerifier } from '../../src/verify/run-verifiers.js';

const npmRun = (name: string, bin = 'npm') => ({ bin, args: bin === 'yarn' ? ['run', name] : ['run', '--silent', name], label: `${bin} run ${name}` });
const script = (kind: Verifier['kind'], name: string, extra: Partial<Verifier> = {}): Verifier => ({ kind, tool: 'npm-script', source: 'script', ...npmRun(name), ...extra });
const vitest: Verifier = { kind: 'test', tool: 'vitest', bin: '/x/vitest', args: ['run', '--reporter=json'], label: 'npm run test', source: 'script', before: [npmRun('pretest')] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-pin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writePackage(scripts: Record<string, string>): void {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts }));
}

describe('pinScriptCommands', () => {
  it('turns package-manager scripts and pre* scripts into their text now; tool verifiers keep their arguments', () => {
    writePackage({ pretest: 'node setup.js', test: 'vitest run', lint: 'eslint . && prettier --check .' });
    const [tool, lint] = pinScriptCommands(dir, [vitest, script('lint', 'lint', npmRun('lint', 'yarn'))]);
    expect(tool).toMatchObject({ bin: '/x/vitest', args: ['run', '--reporter=json'], before: [{ bin: 'sh', args: ['-c', 'node setup.js'], label: 'npm run pretest' }] });
    expect(lint).toMatchObject({ bin: 'sh', args: ['-c', 'eslint . && prettier --check .'], label: 'yarn run lint' });
    expect(scriptName(npmRun('test:unit', 'pnpm'))).toBe('test:unit');
    expect(scriptName({ bin: 'sh', args: ['-c', 'npm run x'] })).toBeUndefined();
  });

  it('keeps the first pin: pinning again after package.json changed does not change the command', () => {
    writePackage({ test: 'node check.mjs' });
    const pinned = pinScriptCommands(dir, [script('test', 'test')]);
    writePackage({ test: 'true' });
    expect(pinScriptCommands(dir, pinned)[0]!.args).toEqual(['-c', 'node check.mjs']);
  });
});

describe('runVerifier with a pinned script', () => {
  it('runs the base text even after the script was changed, with the repository’s node_modules/.bin on PATH', async () => {
    mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
    const tool = path.join(dir, 'node_modules', '.bin', 'checker');
    writeFileSync(tool, '#!/bin/sh\necho "checker ran"; exit 3\n');
    chmodSync(tool, 0o755);
    writePackage({ test: 'checker' });
    const [pinned] = pinScriptCommands(dir, [script('test', 'test')]);
    writePackage({ test: 'echo fine' });
    const result = await runVerifier(dir, pinned!, { timeoutMs: 30_000, maxOutputBytes: 10_000 });
    expect(result).toMatchObject({ command: 'npm run test', status: 'fail', exitCode: 3 });
    expect(result.outputTail).toContain('checker ran');
  });

  it("counts a pre-script's time as the verifier's time (not godwit's own)", async () => {
    const slow: Verifier = { kind: 'test', tool: 'npm-script', bin: 'sh', args: ['-c', 'true'], label: 'npm run test', source: 'script', before: [{ bin: 'sh', args: ['-c', 'sleep 0.5'], label: 'npm run pretest' }] };
    const result = await runVerifier(dir, slow, { timeoutMs: 30_000, maxOutputBytes: 10_000 });
    expect(result.status).toBe('pass');
    expect(result.durationMs).toBeGreaterThanOrEqual(500);
  });
});

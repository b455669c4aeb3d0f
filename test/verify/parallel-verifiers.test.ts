/**
 * verify.parallel: typecheck and lint run at once, tests after them alone; results keep the
 * verifiers' order. Each script waits for the other's marker file, so only a run where both
 * are alive at the same time passes both (no timing assertion).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Verifier } from '../../src/verify/detect.js';
import { runVerifiers } from '../../src/verify/run-verifiers.js';

/** Writes `mine`, then waits up to ~10 s for `theirs`; exits 1 when it never came. */
const rendezvous = (mine: string, theirs: string) => `(touch ${mine}; i=0; while [ $i -lt 40 ]; do [ -f ${theirs} ] && exit 0; sleep 0.25; i=$((i+1)); done; exit 1)`;
const verifier = (kind: Verifier['kind'], script: string): Verifier => ({ kind, tool: 'npm-script', bin: 'sh', args: ['-c', script], label: `npm run ${kind}`, source: 'script' });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'godwit-parallel-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const opts = { timeoutMs: 60_000, maxOutputBytes: 10_000 };
// A test verifier that fails when typecheck or lint is still running (their markers end in .done).
const test = verifier('test', '[ -f tc.done ] && [ -f lint.done ] && [ ! -f .tc.live ]');
const typecheck = verifier('typecheck', `touch .tc.live; ${rendezvous('tc.ready', 'lint.ready')}; s=$?; rm .tc.live; touch tc.done; exit $s`);
const lint = verifier('lint', `${rendezvous('lint.ready', 'tc.ready')}; s=$?; touch lint.done; exit $s`);

describe('runVerifiers with verify.parallel', () => {
  it('parallel 2: typecheck and lint run at once, then the tests alone; results in the given order', async () => {
    const results = await runVerifiers(dir, [test, typecheck, lint], { ...opts, parallel: 2 });
    expect(results.map((r) => `${r.kind}:${r.status}`)).toEqual(['test:pass', 'typecheck:pass', 'lint:pass']);
  });

  it('parallel 1 (the default): one after another, so the first one waits in vain', async () => {
    const results = await runVerifiers(dir, [typecheck, lint], opts);
    expect(results.map((r) => `${r.kind}:${r.status}`)).toEqual(['typecheck:fail', 'lint:pass']);
  });
});

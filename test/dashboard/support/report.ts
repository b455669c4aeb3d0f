/**
 * A full RunReport as the pipeline would produce for a scripted LLM run: stages, baseline and
 * final verifiers, guards, judge, agent iterations with a transcript (tool calls and results),
 * a diff and log lines. `hostile` puts markup into the repository file and the LLM's answer.
 */
import { SCHEMA_VERSION, type RunReport, type RunStatus } from '../../../src/report/run-report.js';

export const HOSTILE_FILE_LINE = `const banner = '<script>window.__pwned = "repo"; alert("repo")</script>';`;
export const HOSTILE_LLM_ANSWER = 'Done. I converted the file. <img src=x onerror="window.__pwned=\'llm\';alert(\'llm\')"> All checks pass.';

export function scriptedReport(opts: { runId: string; repo: string; name: string; status: RunStatus; startedAt?: Date }): RunReport {
  const started = opts.startedAt ?? new Date(Date.now() - 48_000);
  const at = (s: number) => new Date(started.getTime() + s * 1000).toISOString();
  const verified = opts.status === 'verified';
  const diff = [
    'diff --git a/src/index.js b/src/index.js',
    'index 3b18e51..a1f2c3d 100644',
    '--- a/src/index.js',
    '+++ b/src/index.js',
    '@@ -1,6 +1,6 @@',
    "-const path = require('path');",
    "-const { greet } = require('./greet');",
    "+import path from 'node:path';",
    "+import { greet } from './greet.js';",
    ` ${HOSTILE_FILE_LINE}`,
    ' ',
    '-module.exports = function main(name) {',
    '+export default function main(name) {',
    '   return greet(path.basename(name));',
    'diff --git a/package.json b/package.json',
    '--- a/package.json',
    '+++ b/package.json',
    '@@ -2,3 +2,4 @@',
    '   "name": "service",',
    '+  "type": "module",',
    '   "version": "1.0.0",',
  ].join('\n');
  const usage = { requests: 2, promptTokens: 3120, completionTokens: 410, totalTokens: 3530, costUsd: 0.0123 };
  const tsc = (status: 'pass' | 'fail', diagnostics: number) => ({
    kind: 'typecheck' as const,
    command: 'npx tsc --noEmit',
    status,
    exitCode: status === 'pass' ? 0 : 2,
    durationMs: 4200,
    diagnostics: Array.from({ length: diagnostics }, (_, i) => ({
      file: 'src/index.js',
      line: 3 + i,
      code: 'TS2307',
      message: `Cannot find module './greet' <or its types>`,
      severity: 'error' as const,
    })),
    diagnosticsTotal: diagnostics,
    outputTail: '',
  });
  const tests = (passed: number) => ({
    kind: 'test' as const,
    command: 'npx vitest run',
    status: 'pass' as const,
    exitCode: 0,
    durationMs: 6100,
    diagnostics: [],
    diagnosticsTotal: 0,
    tests: { passed, failed: 0, skipped: 0, total: passed },
    outputTail: '',
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: opts.runId,
    migration: { id: 'commonjs-to-esm', title: 'CommonJS to ES modules' },
    repo: { ref: opts.repo, name: opts.name, defaultBranch: 'main' },
    status: opts.status,
    reason: verified ? 'all verifiers green; 2 files changed' : 'typecheck still red after 2 iterations',
    startedAt: at(0),
    finishedAt: at(48),
    durationMs: 48_000,
    stages: [
      { name: 'prepare', status: 'ok', startedAt: at(0), durationMs: 9000, summary: 'cloned, installed with npm' },
      { name: 'baseline', status: 'ok', startedAt: at(9), durationMs: 10_300, summary: 'typecheck pass, test pass (12)' },
      { name: 'codemod', status: 'ok', startedAt: at(19), durationMs: 1200, summary: '3 of 4 sites rewritten' },
      { name: 'agent', status: verified ? 'ok' : 'failed', startedAt: at(20), durationMs: 18_000, summary: '2 iterations' },
      { name: 'gate', status: verified ? 'ok' : 'failed', startedAt: at(38), durationMs: 9000 },
      ...(verified ? [{ name: 'publish' as const, status: 'ok' as const, startedAt: at(47), durationMs: 1000, summary: 'PR #12 created' }] : []),
    ],
    changedFiles: [
      { path: 'src/index.js', status: 'modified', additions: 3, deletions: 3 },
      { path: 'package.json', status: 'modified', additions: 1, deletions: 0 },
    ],
    diff,
    sites: { found: 4, handledByCodemod: 3, left: 1 },
    baseline: [tsc('pass', 0), tests(12)],
    final: verified ? [tsc('pass', 0), tests(12)] : [tsc('fail', 2), tests(12)],
    guards: verified ? [{ guard: 'eslint-disable', severity: 'warn', message: 'new eslint-disable comment', file: 'src/index.js', line: 2 }] : [],
    judge: { mode: 'advise', verdict: verified ? 'pass' : 'fail', reasons: ['Imports converted; <b>behaviour</b> unchanged.'], corrected: false },
    agent: {
      model: 'scripted-model',
      iterations: [
        { index: 0, editsApplied: 1, editsRefused: 0, verify: [tsc('fail', 1)], usage: { ...usage, requests: 1, totalTokens: 1900 }, durationMs: 9000, feedback: 'TS2307 in src/index.js' },
        { index: 1, editsApplied: 1, editsRefused: 0, verify: [tsc(verified ? 'pass' : 'fail', verified ? 0 : 2)], usage: { ...usage, requests: 1, totalTokens: 1630 }, durationMs: 9000 },
      ],
      finalReport: HOSTILE_LLM_ANSWER,
      transcript: [
        { role: 'system', content: 'You migrate CommonJS modules to ES modules. Describe the end state…' },
        { role: 'user', content: `Change sites left after the codemod:\nsrc/index.js:2 require('./greet')\n${HOSTILE_FILE_LINE}` },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            {
              id: 'call_1',
              name: 'edit_file',
              arguments: JSON.stringify({ path: 'src/index.js', search: "const { greet } = require('./greet');", replace: "import { greet } from './greet.js';" }),
            },
          ],
          usage: { promptTokens: 1700, completionTokens: 200 },
        },
        { role: 'tool', toolCallId: 'call_1', content: 'applied 1 edit to src/index.js' },
        { role: 'assistant', content: HOSTILE_LLM_ANSWER, usage: { promptTokens: 1420, completionTokens: 210 } },
      ],
    },
    usage,
    pr: verified ? { action: 'created', branch: 'godwit/commonjs-to-esm', url: `https://github.com/${opts.name}/pull/12`, number: 12, state: 'open' } : undefined,
    logs: [
      { ts: at(0), level: 'info', stage: 'prepare', message: `cloning ${opts.repo}` },
      { ts: at(20), level: 'info', stage: 'agent', message: 'iteration 1: 1 edit applied, typecheck red (1)' },
      { ts: at(29), level: 'warn', stage: 'agent', message: 'model output contained <markup>' },
      { ts: at(47), level: 'info', stage: 'publish', message: verified ? 'opened PR #12' : 'not published' },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import { GITHUB_BODY_LIMIT, fenced, renderPullRequestBody } from '../../src/forge/pr-body.js';
import { emptyUsage, runReportSchema, type RunReport, type VerifierResult } from '../../src/report/run-report.js';

function verifier(kind: VerifierResult['kind'], status: VerifierResult['status'], over: Partial<VerifierResult> = {}): VerifierResult {
  return { kind, command: `npm run ${kind}`, status, exitCode: status === 'pass' ? 0 : 1, durationMs: 100, diagnostics: [], diagnosticsTotal: 0, outputTail: '', ...over };
}

function report(over: Partial<RunReport> = {}): RunReport {
  return runReportSchema.parse({
    schemaVersion: 1,
    runId: 'run-123',
    migration: { id: 'moment-to-date-fns', title: 'Replace moment with date-fns' },
    repo: { ref: 'octo/app', name: 'octo/app', defaultBranch: 'main' },
    status: 'verified',
    reason: 'all verifiers green',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 61_000,
    stages: [],
    changedFiles: [
      { path: 'src/date.ts', status: 'modified', additions: 4, deletions: 2 },
      { path: 'package.json', status: 'modified', additions: 1, deletions: 1 },
    ],
    diff: '',
    baseline: [verifier('typecheck', 'fail', { diagnosticsTotal: 3 }), verifier('test', 'pass', { tests: { passed: 12, failed: 0, skipped: 0, total: 12 } })],
    final: [verifier('typecheck', 'pass', { fixedCount: 3 }), verifier('test', 'pass', { tests: { passed: 12, failed: 0, skipped: 0, total: 12 } })],
    guards: [{ guard: 'new-suppression', severity: 'warn', message: 'added eslint-disable', file: 'src/date.ts', line: 3 }],
    judge: { mode: 'advise', verdict: 'pass', reasons: ['All moment imports are gone.'], corrected: false },
    agent: { model: 'gpt-test', iterations: [{ index: 0, editsApplied: 2, editsRefused: 0, verify: [], usage: emptyUsage(), durationMs: 10 }], finalReport: 'Replaced 3 call sites.', transcript: [] },
    usage: { requests: 3, promptTokens: 1200, completionTokens: 300, totalTokens: 1500, costUsd: 0.0123 },
    logs: [],
    ...over,
  });
}

const migration = { title: 'Replace moment with date-fns', description: 'moment is in maintenance mode; date-fns is tree-shakeable.' };

describe('renderPullRequestBody', () => {
  it('says what, why, what changed, how it was verified, what the guards and judge found, the cost, and how to re-run', () => {
    const body = renderPullRequestBody(report(), { ...migration, prBody: 'Owner: platform team for {{repo}}' });
    expect(body).toContain('Owner: platform team for octo/app');
    expect(body).toContain('## Replace moment with date-fns');
    expect(body).toContain('✅ **Verified**: all verifiers green');
    expect(body).toContain('moment is in maintenance mode');
    expect(body).toContain('- `src/date.ts` — modified (+4 −2)');
    expect(body).toMatch(/\| typecheck \| `npm run typecheck` \| ❌ fail \(3 diagnostics\) \| ✅ pass \| 3 fixed \|/);
    expect(body).toMatch(/\| test \| .* \| ✅ pass \(12 tests\) \| ✅ pass \(12 tests\) \|/);
    expect(body).toContain('**new-suppression** in `src/date.ts:3`: added eslint-disable');
    expect(body).toContain('**pass** (mode: advise)');
    expect(body).toContain('All moment imports are gone.');
    expect(body).toMatch(/\| 1 \| 3 \| 1500 \(1200 \+ 300\) \| \$0\.0123 \| 61 s \|/);
    expect(body).toContain('> Replaced 3 call sites.');
    expect(body).toContain('godwit run moment-to-date-fns octo/app');
    expect(body).toMatch(/Opened by \*\*godwit\*\*/);
  });

  it('neutralises HTML, mentions and fence break-outs from repositories and the LLM', () => {
    const evil = '<img src=x onerror=alert(1)> ping @security-team\n```\n</details><script>x</script>';
    const body = renderPullRequestBody(
      report({
        agent: { iterations: [], transcript: [], finalReport: evil },
        guards: [{ guard: 'scope', severity: 'block', message: evil }],
        final: [verifier('lint', 'fail', { diagnostics: [{ message: 'x ```` y </details>', severity: 'error', file: 'a`b.ts' }], diagnosticsTotal: 1 })],
        changedFiles: [{ path: 'weird`name<b>.ts', status: 'added', additions: 1, deletions: 0 }],
      }),
      migration,
    );
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script>');
    expect(body).not.toMatch(/@security-team/);
    expect(body).toContain('&lt;img src=x');
    // The diagnostics fence is longer than the backtick run inside, so `</details>` stays inside it.
    expect(body).toMatch(/`````text\n\[lint\] a`b\.ts x ```` y <\/details>\n`````/);
    expect(body).toContain('``weird`name<b>.ts``');
    // One </details> is our wrapper; the other is the untrusted one, inert inside the fence.
    expect(body.match(/<\/details>/g)).toHaveLength(2);
  });

  it('fits GitHub’s limit by trimming the longest parts first and keeps the rest whole', () => {
    const huge = 'x'.repeat(200_000);
    const body = renderPullRequestBody(report({ agent: { iterations: [], transcript: [], finalReport: huge } }), {
      ...migration,
      description: `${'why '.repeat(5_000)}`,
    });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('more characters trimmed');
    expect(body).toContain('why why'); // the shorter description survives whole
    expect(body.split('why').length - 1).toBe(5_000);
    expect(body).toContain('godwit run moment-to-date-fns octo/app'); // fixed parts survive
    expect(body.length).toBeGreaterThan(60_000); // trimmed only as much as needed
  });

  it('renders a report with no verifiers, no agent and no guards', () => {
    const body = renderPullRequestBody(report({ baseline: [], final: [], guards: [], agent: undefined, judge: undefined, changedFiles: [] }), migration);
    expect(body).toContain('_No verifiers ran._');
    const failed = renderPullRequestBody(report({ status: 'failed', reason: 'lint still red <b>' }), migration);
    expect(failed).toContain('⚠️ **Not verified (failed)** — review with care: lint still red &lt;b&gt;');
    expect(body).toContain('No findings');
    expect(body).toContain('_No files changed._');
    expect(body).not.toContain("agent's report");
  });

  it('fences content with a fence longer than any backtick run', () => {
    expect(fenced('a ``` b', 'sh')).toBe('````sh\na ``` b\n````');
  });
});

/**
 * `godwit run <migration> <repo>`: one migration on one repository, no Redis, no GitHub.
 * With --prompt-file, the only positional is the repository.
 */
import type { Command } from 'commander';
import { loadAdHocMigration } from '../catalog/ad-hoc.js';
import type { LoadedMigration } from '../catalog/definition.js';
import { getMigration } from '../catalog/registry.js';
import { loadConfig } from '../config/load.js';
import { GodwitError } from '../errors.js';
import { parseRepoRef } from '../forge/repo-ref.js';
import { runJob } from '../pipeline/run-job.js';
import type { RunReport, RunStatus, StageName } from '../report/run-report.js';
import { collectVerifier, ExitCode, printJson, verifierOverridesFromFlags, type GlobalOptions, type Io } from './shared.js';

interface RunFlags {
  json?: boolean;
  dryRun?: boolean;
  install: boolean;
  keepWorkdir?: boolean;
  promptFile?: string;
  reopen?: boolean;
  verifier: string[];
}

export function exitCodeFor(report: RunReport): number {
  const byStatus: Record<RunStatus, number> = {
    verified: 0,
    'not-applicable': 0,
    'no-changes': 0,
    'baseline-broken': 1,
    failed: 1,
    unverified: 1,
    cancelled: 3,
    error: 3,
  };
  if (report.status === 'error' && report.error) {
    return new GodwitError(report.error.code as GodwitError['code'], report.error.message).exitCode;
  }
  return byStatus[report.status];
}

const MARK: Record<string, string> = { ok: '✓', skipped: '–', failed: '✗', error: '✗' };

/** Stage progress: an updating line per stage on a TTY, plain lines otherwise. */
function progress(io: Io): (event: { stage: StageName; phase: 'start' | 'end'; status?: string; summary?: string }) => void {
  const started = new Map<StageName, number>();
  const write = io.write ?? ((t: string) => io.stdout(t));
  return (event) => {
    if (event.phase === 'start') {
      started.set(event.stage, Date.now());
      if (io.isTTY) write(`  … ${event.stage}`);
      return;
    }
    const secs = ((Date.now() - (started.get(event.stage) ?? Date.now())) / 1000).toFixed(1);
    const line = `${MARK[event.status ?? 'ok'] ?? '·'} ${event.stage.padEnd(8)} ${secs.padStart(5)}s  ${event.summary ?? ''}`.trimEnd();
    if (io.isTTY) write('\r\u001b[2K');
    io.stdout(io.isTTY ? `  ${line}` : `${event.stage}: ${event.status ?? 'ok'} (${secs}s)${event.summary ? ` ${event.summary}` : ''}`);
  };
}

function printSummary(io: Io, report: RunReport, dryRun: boolean): void {
  io.stdout('');
  io.stdout(`${report.migration.id} on ${report.repo.name}: ${report.status} — ${report.reason}`);
  if (report.error?.hint) io.stdout(`hint: ${report.error.hint}`);
  if (report.changedFiles.length) {
    io.stdout(`changed files (${report.changedFiles.length}):`);
    for (const f of report.changedFiles) io.stdout(`  ${f.status.padEnd(8)} ${f.path} (+${f.additions} −${f.deletions})`);
  }
  for (const r of report.final) {
    for (const d of r.newDiagnostics ?? []) io.stdout(`  new ${r.kind}: ${d.file ?? ''}${d.line ? `:${d.line}` : ''} ${d.code ?? ''} ${d.message.split('\n', 1)[0]}`);
  }
  if (report.status === 'baseline-broken') {
    for (const r of report.baseline.filter((b) => b.status !== 'pass')) {
      for (const d of r.diagnostics.slice(0, 10)) io.stdout(`  ${r.kind}: ${d.file ?? ''}${d.line ? `:${d.line}` : ''} ${d.code ?? ''} ${d.message.split('\n', 1)[0]}`);
    }
  }
  if (report.pr) io.stdout(`pull request: ${report.pr.action}${report.pr.url ? ` ${report.pr.url}` : ''} (branch ${report.pr.branch})`);
  if (dryRun && report.diff) {
    io.stdout('');
    io.stdout(report.diff.trimEnd());
  }
}

async function resolveMigration(first: string, second: string | undefined, flags: RunFlags): Promise<{ migration: LoadedMigration; repo: string }> {
  if (flags.promptFile) {
    if (second !== undefined) throw new GodwitError('usage', 'With --prompt-file, give only the repository', 'Example: godwit run ./my-repo --prompt-file change.md');
    return { migration: loadAdHocMigration(flags.promptFile), repo: first };
  }
  if (second === undefined) {
    throw new GodwitError('usage', 'Missing the repository', 'Usage: godwit run <migration> <repo> (see `godwit catalog` for migrations)');
  }
  return { migration: await getMigration(first), repo: second };
}

export function register(program: Command, io: Io): void {
  program
    .command('run')
    .description('Run one migration on one repository (local path, file:// URL, owner/name or https URL)')
    .argument('<migration>', 'migration id (see `godwit catalog`), or the repository with --prompt-file')
    .argument('[repo]', 'repository: path, file:// URL, owner/name or https://github.com/owner/name')
    .option('--json', 'print the RunReport as JSON')
    .option('--dry-run', 'publish nothing; print the diff')
    .option('--no-install', 'do not install dependencies before verifying')
    .option('--keep-workdir', 'keep the workspace folder after the run')
    .option('--prompt-file <file>', 'ad-hoc migration: the end state described in this Markdown file')
    .option('--reopen', 'reopen the pull request if it was closed without merging')
    .option('--verifier <kind=command>', 'set a verifier\'s command (typecheck=…, lint=…, test=…) or turn it off (lint=off); repeatable; the repository\'s .godwit.json wins', collectVerifier, [])
    .action(async (first: string, second: string | undefined, flags: RunFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const config = await loadConfig({ file: globals.config });
      const { migration, repo } = await resolveMigration(first, second, flags);
      // Usage errors (missing path, bad reference) end here with exit 2, before any work.
      parseRepoRef(repo, { githubApiUrl: config.github.apiUrl });
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let report: RunReport;
      try {
        if (!flags.json) io.stdout(`godwit run ${migration.definition.id} on ${repo}`);
        report = await runJob({
          migration,
          repo,
          config,
          dryRun: flags.dryRun ?? false,
          install: flags.install,
          keepWorkdir: flags.keepWorkdir ?? false,
          reopen: flags.reopen ?? false,
          ...(flags.verifier.length ? { verifiers: verifierOverridesFromFlags(flags.verifier) } : {}),
          signal: controller.signal,
          ...(flags.json ? {} : { onStage: progress(io) }),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      if (flags.json) printJson(io, report);
      else printSummary(io, report, flags.dryRun ?? false);
      const code = exitCodeFor(report);
      if (code !== 0) throw new ExitCode(code);
    });
}

/**
 * `godwit eval <migration> [--cases DIR] [--json]`: runs a migration on every eval case and
 * reports the pass rate, each case's result, a diff per mismatch, time and tokens.
 * Exit code: 0 when every case that ran passed, 1 otherwise.
 */
import type { Command } from 'commander';
import { formatCaseLine, formatReport, loadMigrationForEval, runEval } from '../eval/index.js';
import { ExitCode, loadConfigFor, printJson, type Io } from './shared.js';

interface EvalFlags {
  cases?: string;
  json?: boolean;
  filter?: string;
}

export function register(program: Command, io: Io): void {
  program
    .command('eval')
    .description('measure a migration on its eval cases (or any folder of cases)')
    .argument('<migration>', 'migration id from the catalog, or the path of a migration folder')
    .option('--cases <dir>', 'folder of cases: <case>/before + <case>/after, or <name>.input.<ext> + <name>.output.<ext> pairs')
    .option('--filter <text>', 'only cases whose name contains this text')
    .option('--json', 'print the report as JSON')
    .action(async (id: string, flags: EvalFlags, cmd: Command) => {
      const config = await loadConfigFor(cmd);
      const migration = await loadMigrationForEval(id);
      const report = await runEval(migration, {
        casesDir: flags.cases,
        filter: flags.filter,
        // With GODWIT_MODEL (llm.model) set, cases marked needsLlm run the agent; else they are skipped.
        config,
        onCase: flags.json ? undefined : (r) => io.stdout(formatCaseLine(r)),
      });
      if (flags.json) printJson(io, report);
      else io.stdout(formatReport(report));
      if (report.failed > 0) throw new ExitCode(1);
    });
}

/**
 * The CLI entry: one file per command, listed here in a fixed order so that `--help` reads
 * well. Each command file exports `register(program, io)`.
 *
 * Start-up is lazy: only the module of the command being run is imported (with its pipeline,
 * queue or dashboard dependencies). The others appear in the root help as light stubs whose
 * usage and description are written below; test/cli/lazy-help.test.ts checks that they match
 * what the command files register.
 */
import { Command, CommanderError, type Help } from 'commander';
import { GODWIT_VERSION } from '../config/package-info.js';
import { processIo, reportError, ExitCode, type Io } from './shared.js';

export interface CommandModule {
  register(program: Command, io: Io): void;
}

export interface CommandEntry {
  name: string;
  /** The root help's term for the command, as commander would print it once registered. */
  term: string;
  description: string;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: ReadonlyArray<CommandEntry> = [
  { name: 'run', term: 'run [options] <migration> [repo]', description: 'Run one migration on one repository (local path, file:// URL, owner/name or https URL)', load: () => import('./run.js') },
  { name: 'catalog', term: 'catalog [options]', description: 'List the migrations in the catalog', load: () => import('./catalog.js') },
  { name: 'context', term: 'context [options] <migration> <repo>', description: 'print the context the model would see for a migration on a local repository', load: () => import('./context.js') },
  { name: 'eval', term: 'eval [options] <migration>', description: 'measure a migration on its eval cases (or any folder of cases)', load: () => import('./eval.js') },
  { name: 'enqueue', term: 'enqueue [options] <migration>', description: 'Start a campaign: run a migration on many repositories through the fleet (needs REDIS_URL).', load: () => import('./enqueue.js') },
  { name: 'worker', term: 'worker [options]', description: 'Run campaign jobs from Redis (REDIS_URL); start as many as you like, on any machine.', load: () => import('./worker.js') },
  { name: 'campaigns', term: 'campaigns [options]', description: 'List campaigns (newest first) with their state and counts by status.', load: () => import('./campaigns.js') },
  { name: 'status', term: 'status [options] <campaign>', description: 'Show a campaign: counts by status, and each repository with its status, stage and PR.', load: () => import('./status.js') },
  { name: 'cancel', term: 'cancel [options] <campaign>', description: 'Cancel a campaign: waiting jobs are removed, running ones finish and are marked.', load: () => import('./cancel.js') },
  { name: 'resume', term: 'resume [options] <campaign>', description: 'Resume a campaign: release its next wave even below the gate; re-queue what a cancel removed.', load: () => import('./resume.js') },
  { name: 'retry', term: 'retry [options] <campaign>', description: 'Re-queue the repositories of a campaign that ended failed and/or error (both by default).', load: () => import('./retry.js') },
  { name: 'sync', term: 'sync [options] <campaign>', description: 'Update the campaign\'s pull requests from GitHub: state (open/draft/merged/closed), checks and review decision.', load: () => import('./sync.js') },
  { name: 'webhooks', term: 'webhooks [options]', description: 'Receive GitHub webhooks (signed with GODWIT_WEBHOOK_SECRET) and queue the follow-up work on godwit PRs.', load: () => import('./webhooks.js') },
  { name: 'dashboard', term: 'dashboard [options]', description: 'Serve the job dashboard: campaigns, repositories, runs, live updates and actions.', load: () => import('./dashboard.js') },
  { name: 'demo', term: 'demo [options]', description: 'Run a whole campaign locally: sample repositories, Redis, a worker and the dashboard (no LLM, no GitHub).', load: () => import('./demo.js') },
];

/** Root options that take a value (so that the value is not mistaken for the command name). */
const ROOT_OPTIONS_WITH_VALUE = new Set(['--config', '--log-level']);

/** The command named on the command line (`godwit [root options] <command>`, `godwit help <command>`). */
export function commandNameIn(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return args[i + 1];
    if (arg.startsWith('-')) {
      if (ROOT_OPTIONS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    return arg === 'help' ? args.slice(i + 1).find((a) => !a.startsWith('-')) : arg;
  }
  return undefined;
}

function rootProgram(io: Io, stubTerms: Map<Command, string>): Command {
  return new Command('godwit')
    .description('Migrate code across many repositories and open verified pull requests.')
    .version(GODWIT_VERSION, '-V, --version', 'print godwit\'s version')
    .option('--config <file>', 'config file (default: godwit.config.{ts,json,yaml} in the current directory)')
    .option('--log-level <level>', 'log level of worker, dashboard and demo: trace, debug, info, warn, error, silent (default: GODWIT_LOG_LEVEL or info)')
    .showHelpAfterError()
    .exitOverride()
    .configureHelp({ subcommandTerm: (cmd: Command) => stubTerms.get(cmd) ?? defaultTerm(cmd) })
    .configureOutput({ writeOut: (s) => io.stdout(s.replace(/\n$/, '')), writeErr: (s) => io.stderr(s.replace(/\n$/, '')) });
}

function defaultTerm(cmd: Command): string {
  const help: Help = new Command().createHelp();
  return help.subcommandTerm(cmd);
}

/**
 * Builds the program. `load` names the commands whose modules are imported and registered
 * (default: every one); the others are stubs that only show in the root help.
 */
export async function buildProgram(io: Io = processIo, load: (name: string) => boolean = () => true): Promise<Command> {
  const stubTerms = new Map<Command, string>();
  const program = rootProgram(io, stubTerms);
  const modules = await Promise.all(COMMANDS.map((entry) => (load(entry.name) ? entry.load() : undefined)));
  COMMANDS.forEach((entry, i) => {
    const mod = modules[i];
    if (mod) {
      mod.register(program, io);
      return;
    }
    const stub = program.command(entry.name).description(entry.description);
    stubTerms.set(stub, entry.term);
  });
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/** Runs the CLI and resolves to the exit code (0 ok, 1 not verified, 2 usage, 3 infrastructure). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const named = commandNameIn(argv);
    const known = COMMANDS.some((c) => c.name === named);
    const program = await buildProgram(io, (name) => known && name === named);
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof ExitCode) return error.code;
    return reportError(io, error);
  }
}

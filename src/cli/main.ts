/**
 * The CLI entry: one file per command, registered here in a fixed order so that `--help`
 * reads well. Each command file exports `register(program, io)`.
 */
import { Command, CommanderError } from 'commander';
import { processIo, reportError, ExitCode, type Io } from './shared.js';
import * as run from './run.js';
import * as catalog from './catalog.js';
import * as context from './context.js';
import * as evalCmd from './eval.js';
import * as enqueue from './enqueue.js';
import * as worker from './worker.js';
import * as campaigns from './campaigns.js';
import * as status from './status.js';
import * as cancel from './cancel.js';
import * as resume from './resume.js';
import * as retry from './retry.js';
import * as sync from './sync.js';
import * as dashboard from './dashboard.js';
import * as demo from './demo.js';

export interface CommandModule {
  register(program: Command, io: Io): void;
}

export const COMMANDS: ReadonlyArray<CommandModule> = [
  run,
  catalog,
  context,
  evalCmd,
  enqueue,
  worker,
  campaigns,
  status,
  cancel,
  resume,
  retry,
  sync,
  dashboard,
  demo,
];

export function buildProgram(io: Io = processIo): Command {
  const program = new Command('godwit')
    .description('Migrate code across many repositories and open verified pull requests.')
    .option('--config <file>', 'config file (default: godwit.config.{ts,json,yaml} in the current directory)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s.replace(/\n$/, '')), writeErr: (s) => io.stderr(s.replace(/\n$/, '')) });
  for (const command of COMMANDS) command.register(program, io);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/** Runs the CLI and resolves to the exit code (0 ok, 1 not verified, 2 usage, 3 infrastructure). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
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

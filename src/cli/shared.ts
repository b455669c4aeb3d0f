/** Helpers every command file uses: error reporting, JSON output, config loading. */
import type { Command } from 'commander';
import type { GodwitConfig } from '../config/schema.js';
import { configFromEnv } from '../config/env.js';
import { GodwitError, isGodwitError } from '../errors.js';
// Not the verify barrel: it loads ts-morph, and every command (--help too) imports this file.
import { parseVerifierFlag, verifierOverridesSchema, type VerifierOverrides } from '../verify/overrides.js';

/** Thrown inside an action to end the command with an exit code, without an error message. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress is drawn); false → plain lines. */
  isTTY: boolean;
  /** Raw write without a newline (TTY progress lines that update in place); defaults to stdout. */
  write?: (text: string) => void;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  write: (t) => process.stdout.write(t),
};

export function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2));
}

/** Prints a GodwitError (message + hint) or an unexpected error, and returns the exit code. */
export function reportError(io: Io, error: unknown, json = false): number {
  if (error instanceof ExitCode) return error.code;
  const e = isGodwitError(error) ? error : new GodwitError('internal', error instanceof Error ? error.message : String(error));
  if (json) {
    io.stdout(JSON.stringify({ error: e.toJSON() }, null, 2));
  } else {
    io.stderr(`godwit: ${e.message}`);
    if (e.hint) io.stderr(`hint: ${e.hint}`);
    if (e.code === 'internal' && error instanceof Error && error.stack && configFromEnv(process.env).debug === true) io.stderr(error.stack);
  }
  return e.exitCode;
}

/** Options every command accepts (registered on the root program). */
export interface GlobalOptions {
  config?: string;
}

export async function loadConfigFor(cmd: Command): Promise<GodwitConfig> {
  const globals = cmd.optsWithGlobals<GlobalOptions>();
  // Imported here so that `godwit --help` does not load the config schema (start-up time).
  const { loadConfig } = await import('../config/load.js');
  return loadConfig({ file: globals.config });
}

/** Parses a positive integer flag value or throws a usage error naming the flag. */
export function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) {
      throw new GodwitError('usage', `${flag} must be a positive integer, got "${value}"`, `Example: ${flag} 4`);
    }
    return n;
  };
}

/** Commander collector for the repeatable `--verifier kind=command` (validated: a usage error names the flag). */
export function collectVerifier(value: string, previous: string[]): string[] {
  try {
    parseVerifierFlag(value);
  } catch (error) {
    throw new GodwitError('usage', (error as Error).message, 'Example: --verifier test="npm run test:ci" --verifier lint=off');
  }
  return [...previous, value];
}

export function verifierOverridesFromFlags(values: ReadonlyArray<string>): VerifierOverrides {
  return verifierOverridesSchema.parse(Object.fromEntries(values.map(parseVerifierFlag)));
}

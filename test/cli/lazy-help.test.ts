/**
 * The root help is built from stubs in src/cli/main.ts (only the command being run is
 * imported). These tests check the stubs against what the command files really register, and
 * that a command still gets its own module.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram, commandNameIn, COMMANDS, main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/shared.js';

function captureIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, isTTY: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe('lazy command loading', () => {
  it('the stubs in main.ts show the same usage and description as the registered commands', async () => {
    const full = await buildProgram(captureIo());
    const help = full.createHelp();
    const registered = full.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
    expect(COMMANDS.map(({ name, term, description }) => ({ name, term, description }))).toEqual(registered);
  });

  it('root --help from stubs equals the help of the fully loaded program', async () => {
    const lazy = captureIo();
    expect(await main(['node', 'godwit', '--help'], lazy)).toBe(0);
    const full = captureIo();
    const program = await buildProgram(full);
    program.outputHelp();
    expect(lazy.out.join('\n')).toBe(full.out.join('\n'));
    expect(lazy.out.join('\n')).toContain('worker [options]');
  });

  it('finds the command name after root options and in `help <command>`', () => {
    expect(commandNameIn(['node', 'godwit', '--config', 'x.json', 'status', 'c1'])).toBe('status');
    expect(commandNameIn(['node', 'godwit', 'help', 'run'])).toBe('run');
    expect(commandNameIn(['node', 'godwit', '--help'])).toBeUndefined();
  });

  it('`godwit help <command>` and `<command> --help` show the real command options', async () => {
    const io = captureIo();
    expect(await main(['node', 'godwit', 'help', 'worker'], io)).toBe(0);
    expect(io.out.join('\n')).toContain('--concurrency <n>');
    const io2 = captureIo();
    expect(await main(['node', 'godwit', 'status', '--help'], io2)).toBe(0);
    expect(io2.out.join('\n')).toContain('--json');
  });

  it('an unknown command is a usage error', async () => {
    const io = captureIo();
    expect(await main(['node', 'godwit', 'nope'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/unknown command 'nope'/);
  });
});

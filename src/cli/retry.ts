import type { Command } from 'commander';
import { GodwitError } from '../errors.js';
import type { Io } from './shared.js';

// Placeholder until the command's issue lands; registered so that --help lists it.
export function register(program: Command, _io: Io): void {
  program
    .command('retry')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new GodwitError('usage', 'godwit retry is not available yet', 'See README.md for the commands that work today.');
    });
}

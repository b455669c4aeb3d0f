/** `godwit campaigns`: list campaigns with their counts by status. */
import type { Command } from 'commander';
import { openQueueContextFromConfig } from '../queue/context.js';
import { ExitCode, loadConfigFor, printJson, reportError, type Io } from './shared.js';

export function register(program: Command, io: Io): void {
  program
    .command('campaigns')
    .description('List campaigns (newest first) with their state and counts by status.')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      try {
        const ctx = await openQueueContextFromConfig(await loadConfigFor(cmd));
        try {
          const list = await ctx.store.listCampaigns();
          if (flags.json) {
            printJson(io, list.map((c) => ({ campaignId: c.id, name: c.name, migration: c.migration, state: c.state, reason: c.reason, createdAt: c.createdAt, total: c.total, counts: c.counts })));
            return;
          }
          if (!list.length) io.stdout('No campaigns yet. Start one with `godwit enqueue <migration> --repos FILE`.');
          for (const c of list) {
            const counts = Object.entries(c.counts).map(([s, n]) => `${s} ${n}`).join(', ');
            io.stdout(`${c.id}  ${c.migration}  ${c.state}${c.reason ? ` (${c.reason})` : ''}  ${c.total} repos: ${counts}`);
          }
        } finally {
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

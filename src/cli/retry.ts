/** `godwit retry <campaign> [--failed] [--errored]`: re-queue repositories that ended failed / error. */
import type { Command } from 'commander';
import { openQueueContextFromConfig } from '../queue/context.js';
import { retryCampaign } from '../queue/control.js';
import type { RepoStatus } from '../queue/schemas.js';
import { ExitCode, loadConfigFor, printJson, reportError, type Io } from './shared.js';

export function register(program: Command, io: Io): void {
  program
    .command('retry')
    .description('Re-queue the repositories of a campaign that ended failed and/or error (both by default).')
    .argument('<campaign>', 'campaign id')
    .option('--failed', 'repositories whose migration did not verify')
    .option('--errored', 'repositories that hit an infrastructure error')
    .option('--json', 'print { jobs }')
    .action(async (campaignId: string, flags: { failed?: boolean; errored?: boolean; json?: boolean }, cmd: Command) => {
      try {
        const statuses: RepoStatus[] = [];
        if (flags.failed || !flags.errored) statuses.push('failed');
        if (flags.errored || !flags.failed) statuses.push('error');
        const ctx = await openQueueContextFromConfig(await loadConfigFor(cmd));
        try {
          const jobs = await retryCampaign(ctx, campaignId, statuses);
          if (flags.json) printJson(io, { campaignId, statuses, jobs });
          else io.stdout(`Re-queued ${jobs} repositories of ${campaignId} (${statuses.join(', ')}).`);
        } finally {
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

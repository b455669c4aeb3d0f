/** `godwit cancel <campaign>`: remove waiting jobs; running ones finish and are marked. */
import type { Command } from 'commander';
import { openQueueContextFromConfig } from '../queue/context.js';
import { cancelCampaign } from '../queue/control.js';
import { ExitCode, loadConfigFor, printJson, reportError, type Io } from './shared.js';

export function register(program: Command, io: Io): void {
  program
    .command('cancel')
    .description('Cancel a campaign: waiting jobs are removed, running ones finish and are marked.')
    .argument('<campaign>', 'campaign id')
    .option('--json', 'print { removed, active }')
    .action(async (campaignId: string, flags: { json?: boolean }, cmd: Command) => {
      try {
        const ctx = await openQueueContextFromConfig(await loadConfigFor(cmd));
        try {
          const result = await cancelCampaign(ctx, campaignId);
          if (flags.json) printJson(io, { campaignId, ...result });
          else io.stdout(`Cancelled ${campaignId}: ${result.removed} jobs removed, ${result.active} running (they finish and are marked). \`godwit resume ${campaignId}\` re-queues them.`);
        } finally {
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

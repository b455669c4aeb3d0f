/** `godwit resume <campaign>`: release the next wave of a paused campaign (or re-queue a cancelled one). */
import type { Command } from 'commander';
import { openQueueContextFromConfig } from '../queue/context.js';
import { resumeCampaign } from '../queue/control.js';
import { ExitCode, loadConfigFor, printJson, reportError, type Io } from './shared.js';

export function register(program: Command, io: Io): void {
  program
    .command('resume')
    .description('Resume a campaign: release its next wave even below the gate; re-queue what a cancel removed.')
    .argument('<campaign>', 'campaign id')
    .option('--json', 'print { releasedWave, jobs }')
    .action(async (campaignId: string, flags: { json?: boolean }, cmd: Command) => {
      try {
        const ctx = await openQueueContextFromConfig(await loadConfigFor(cmd));
        try {
          const result = await resumeCampaign(ctx, campaignId);
          if (flags.json) printJson(io, { campaignId, ...result, ...(result.releasedWave === undefined ? {} : { releasedWave: result.releasedWave + 1 }) });
          else if (result.releasedWave !== undefined) io.stdout(`Resumed ${campaignId}: wave ${result.releasedWave + 1} released (${result.jobs} jobs).`);
          else io.stdout(`Resumed ${campaignId}: ${result.jobs} jobs queued.`);
        } finally {
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

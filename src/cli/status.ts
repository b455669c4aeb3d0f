/** `godwit status <campaign>`: counts by status and one line per repository. */
import type { Command } from 'commander';
import { openQueueContextFromConfig } from '../queue/context.js';
import { ExitCode, loadConfigFor, printJson, reportError, type Io } from './shared.js';

export function register(program: Command, io: Io): void {
  program
    .command('status')
    .description('Show a campaign: counts by status, and each repository with its status, stage and PR.')
    .argument('<campaign>', 'campaign id (godwit campaigns)')
    .option('--json', 'print { campaignId, state, counts, repos: [{ repo, status, stage, pr }] }')
    .action(async (campaignId: string, flags: { json?: boolean }, cmd: Command) => {
      try {
        const ctx = await openQueueContextFromConfig(await loadConfigFor(cmd));
        try {
          const campaign = await ctx.store.requireCampaign(campaignId);
          const counts = await ctx.store.getCounts(campaignId);
          const { repos } = await ctx.store.getCampaignRepos(campaignId, { limit: Number.MAX_SAFE_INTEGER });
          if (flags.json) {
            printJson(io, {
              campaignId,
              migration: campaign.migration,
              state: campaign.state,
              ...(campaign.reason ? { reason: campaign.reason } : {}),
              counts,
              repos: repos.map((r) => ({
                repo: r.name,
                ref: r.repo,
                key: r.key,
                status: r.status,
                stage: r.stage ?? null,
                pr: r.pr?.url ?? null,
                ...(r.reason ? { reason: r.reason } : {}),
                wave: r.wave + 1,
              })),
            });
            return;
          }
          io.stdout(`${campaignId} (${campaign.migration}): ${campaign.state}${campaign.reason ? ` — ${campaign.reason}` : ''}`);
          io.stdout(Object.entries(counts).map(([s, n]) => `${s}: ${n}`).join('  ') || '(no repositories)');
          for (const r of repos) {
            io.stdout(`  ${r.status.padEnd(15)} ${r.name}${r.stage ? `  [${r.stage}]` : ''}${r.pr?.url ? `  ${r.pr.url}` : ''}${r.reason && r.status !== 'verified' ? `  — ${r.reason}` : ''}`);
          }
        } finally {
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

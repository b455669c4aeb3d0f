/** `godwit sync <campaign>`: fetch each GitHub PR's state, checks and review decision, and store them with the campaign. */
import type { Command } from 'commander';
import { openQueueContextFromConfig } from '../queue/context.js';
import { createFollowUpEnqueuer } from '../queue/followup-queue.js';
import { syncCampaignPullRequests } from '../queue/pr-sync-job.js';
import type { PullRequestStateRecord } from '../queue/pr-states.js';
import { ExitCode, loadConfigFor, printJson, reportError, type Io } from './shared.js';

function line(r: PullRequestStateRecord): string {
  if (r.error) return `  ${'error'.padEnd(8)} ${r.repo}  — ${r.error.message}`;
  if (!r.found) return `  ${'no PR'.padEnd(8)} ${r.repo}  (branch ${r.branch})`;
  const review = r.reviewDecision && r.reviewDecision !== 'none' ? `  review: ${r.reviewDecision}` : '';
  return `  ${(r.state ?? '').padEnd(8)} ${r.repo}  #${r.number}  checks: ${r.checks ?? 'none'}${review}  ${r.url ?? ''}`;
}

export function register(program: Command, io: Io): void {
  program
    .command('sync')
    .description("Update the campaign's pull requests from GitHub: state (open/draft/merged/closed), checks and review decision.")
    .argument('<campaign>', 'campaign id (godwit campaigns)')
    .option('--json', 'print { campaignId, counts, skipped, prs: [{ repo, branch, found, number, url, state, checks, reviewDecision }], followUps }')
    .option('--follow-up', 'also queue a follow-up (CI feedback, rebase, merge) for every open PR, for `godwit worker` to run')
    .action(async (campaignId: string, flags: { json?: boolean; followUp?: boolean }, cmd: Command) => {
      try {
        const config = await loadConfigFor(cmd);
        const ctx = await openQueueContextFromConfig(config);
        const enqueuer = flags.followUp ? createFollowUpEnqueuer(ctx.url, ctx.keys) : undefined;
        try {
          const result = await syncCampaignPullRequests({ redis: ctx.redis, keys: ctx.keys, store: ctx.store, config, ...(enqueuer ? { followUps: enqueuer } : {}) }, campaignId);
          if (flags.json) {
            printJson(io, { campaignId, counts: result.sample.counts, skipped: result.skipped, prs: result.records, followUps: result.followUps.length });
          } else {
            io.stdout(
              `${campaignId}: synced ${result.records.length} pull request(s)` +
                (result.skipped ? `, skipped ${result.skipped} repositories without a GitHub PR` : ''),
            );
            io.stdout(Object.entries(result.sample.counts).map(([k, n]) => `${k}: ${n}`).join('  ') || '(nothing to sync)');
            for (const r of result.records) io.stdout(line(r));
            if (enqueuer) io.stdout(`queued ${result.followUps.length} follow-up(s) for \`godwit worker\``);
          }
          if (result.records.some((r) => r.error)) throw new ExitCode(3);
        } finally {
          await enqueuer?.close();
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

/**
 * Comment commands on godwit's PRs: `@godwit rebase | retry | fix <instructions> | close |
 * explain` (the name is `pullRequests.botName`). Only users with write access are obeyed —
 * checked through the API for every command; anyone else gets one polite refusal per PR.
 * Each command is acknowledged with a 👀 reaction and answered with a comment; unknown
 * commands are answered with the list of valid ones.
 */
import { isLlmConfigured } from '../../agent/index.js';
import type { FollowUpTrigger } from '../../forge/github/webhook-events.js';
import { canWrite, closePull, comment, deleteBranch, humanCommits, react } from '../../forge/github/pr-actions.js';
import type { CommandRecord } from '../../report/run-report.js';
import type { RunReport } from '../../report/run-report.js';
import type { PrContext } from './pr-context.js';
import type { FollowUpDeps } from './types.js';

export const COMMANDS = ['rebase', 'retry', 'fix', 'close', 'explain'] as const;

export interface ParsedCommand {
  name: string;
  args: string;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first line addressing the bot: "@godwit <command> [args]"; undefined when none does. */
export function parseCommand(body: string, botName: string): ParsedCommand | undefined {
  const bot = escapeRegex(botName.replace(/\[bot\]$/, ''));
  const re = new RegExp(`^\\s*@${bot}(?:\\[bot\\])?\\s+([A-Za-z-]+)[ \\t]*(.*)$`, 'im');
  // Quoted lines ("> @godwit rebase") are someone quoting, not asking.
  const lines = body.split(/\r?\n/).filter((l) => !/^\s*>/.test(l)).join('\n');
  const m = re.exec(lines);
  if (!m) return undefined;
  const rest = lines.slice(m.index + m[0].length).replace(/^\r?\n/, '');
  return { name: m[1]!.toLowerCase(), args: [m[2]!.trim(), rest.trim()].filter(Boolean).join('\n') };
}

export function helpText(bot: string): string {
  return [
    `Commands (users with write access):`,
    `- \`@${bot} rebase\` — re-run the migration on the current base and force-push (only while the branch holds godwit's commits alone)`,
    `- \`@${bot} retry\` — run the migration again and reset the CI-fix budget`,
    `- \`@${bot} fix <instructions>\` — one agent round with your instructions, through the same checks`,
    `- \`@${bot} close\` — close this PR, delete the branch, and never retry this repository in the campaign`,
    `- \`@${bot} explain\` — what godwit did here and why`,
  ].join('\n');
}

export interface CommandResult {
  record: CommandRecord;
  report?: RunReport;
}

function outcomeOf(report: RunReport): string {
  const pr = report.pr ? ` PR: ${report.pr.action}${report.pr.commit ? ` (${report.pr.commit.slice(0, 12)})` : ''}.` : '';
  return `**${report.status}** — ${report.reason}.${pr}`;
}

async function explain(deps: FollowUpDeps, c: PrContext): Promise<string> {
  const r = await deps.store.get(c.at.name, c.pr.number);
  const lines = [`**What godwit did on this PR** (migration \`${c.migrationId}\`${c.link ? `, campaign \`${c.link.campaignId}\`` : ''})`];
  if (c.link?.lastReport) lines.push(`- last run: **${c.link.lastReport.status}** — ${c.link.lastReport.reason}`);
  lines.push(`- CI fix rounds: ${r.ciRounds.length ? r.ciRounds.map((x) => `#${x.round} ${x.outcome} (${x.checks.join(', ')})`).join('; ') : 'none'} (max ${c.policy.ci.maxRounds})`);
  if (r.rebase) lines.push(`- last rebase: ${r.rebase.outcome} — ${r.rebase.reason}`);
  lines.push(`- merge: ${r.merge ? `${r.merge.state} — ${r.merge.reason}` : `policy ${c.policy.pullRequests.merge.mode}`}`);
  if (r.needsHuman) lines.push('- handed to humans: CI stayed red');
  return lines.join('\n');
}

export async function handleComment(deps: FollowUpDeps, c: PrContext, t: Extract<FollowUpTrigger, { kind: 'comment' }>): Promise<CommandResult | undefined> {
  const bot = c.policy.pullRequests.botName.replace(/\[bot\]$/, '');
  const parsed = parseCommand(t.body, bot);
  if (!parsed) return undefined;
  // Never obey bots (godwit's own comments quote commands in help texts).
  if (t.authorType === 'Bot' || t.author.toLowerCase() === c.pr.author.toLowerCase()) return undefined;
  const { at, client, pr } = c;
  const at0 = deps.now().toISOString();
  const record = (outcome: CommandRecord['outcome'], reason: string): CommandRecord => ({ at: at0, commentId: t.commentId, author: t.author, command: parsed.name, outcome, reason });
  const seen = await deps.store.get(at.name, pr.number);
  if (seen.commands.some((x) => x.commentId === t.commentId)) return undefined;
  const save = async (result: CommandResult): Promise<CommandResult> => {
    await deps.store.update(at.name, pr.number, (r) => {
      r.commands.push(result.record);
      if (result.record.outcome === 'refused' && !r.refused.includes(t.author.toLowerCase())) r.refused.push(t.author.toLowerCase());
    });
    return result;
  };

  if (!(await canWrite(client, at, t.author))) {
    if (!seen.refused.includes(t.author.toLowerCase())) {
      await comment(
        client,
        at,
        pr.number,
        `Thanks @${t.author} — godwit only takes commands from people with write access to ${at.name}, so it will leave this one alone. A maintainer can repeat it if they agree.`,
      );
    }
    return save({ record: record('refused', 'no write access') });
  }
  await react(client, at, t.commentId, 'eyes');
  const reply = (text: string): Promise<void> => comment(client, at, pr.number, `@${t.author} ${text}`);

  if (!(COMMANDS as readonly string[]).includes(parsed.name)) {
    await reply(`I don't know \`${parsed.name}\`.\n\n${helpText(bot)}`);
    return save({ record: record('unknown', `unknown command ${parsed.name}`) });
  }
  if (pr.state !== 'open' && parsed.name !== 'explain') {
    await reply(`this PR is ${pr.merged ? 'merged' : 'closed'}; \`${parsed.name}\` does nothing now.`);
    return save({ record: record('ignored', `PR ${pr.merged ? 'merged' : 'closed'}`) });
  }

  switch (parsed.name) {
    case 'explain': {
      await reply(await explain(deps, c));
      return save({ record: record('done', 'explained') });
    }
    case 'close': {
      await closePull(client, at, pr.number);
      await deleteBranch(client, at, pr.headRef);
      if (c.link) await deps.store.markSkipped(c.link, `closed by @${t.author} with "@${bot} close"`);
      await reply(`closed. The branch \`${pr.headRef}\` is deleted${c.link ? ` and ${at.name} is marked \`skipped\` in campaign \`${c.link.campaignId}\`, so godwit will not retry it` : ''}.`);
      return save({ record: record('done', 'closed, branch deleted, repository skipped') });
    }
    case 'rebase':
    case 'retry': {
      const humans = await humanCommits(client, at, pr.number);
      if (humans.length > 0) {
        await reply(`I did not ${parsed.name}: the branch has commits by someone else (${humans.slice(0, 3).join(', ')}), and godwit never overwrites them. Rebase it yourself, or remove those commits.`);
        return save({ record: record('refused', 'human commits on the branch') });
      }
      if (parsed.name === 'retry') {
        await deps.store.update(at.name, pr.number, (r) => {
          r.needsHuman = false;
          r.handledShas = [];
          r.ciBudgetFrom = r.ciRounds.length;
        });
      }
      const migration = await deps.loadMigration(c.migrationId);
      const report = await deps.runJob({ migration, repo: c.repoRef, config: deps.config, forge: deps.forge, reopen: false });
      if (c.link) await deps.store.recordRun(c.link, report);
      await reply(`${parsed.name === 'rebase' ? `re-ran the migration on the current \`${pr.baseRef}\`` : 're-ran the migration'}: ${outcomeOf(report)}`);
      return save({ record: record(report.status === 'error' ? 'failed' : 'done', report.reason), report });
    }
    case 'fix': {
      if (!parsed.args) {
        await reply(`\`fix\` needs instructions, e.g. \`@${bot} fix use the logger instead of console.log\`.`);
        return save({ record: record('unknown', 'fix without instructions') });
      }
      if (!isLlmConfigured(deps.config)) {
        await reply('no LLM is configured for godwit here, so it cannot make changes from instructions.');
        return save({ record: record('failed', 'no LLM configured') });
      }
      const humans = await humanCommits(client, at, pr.number);
      if (humans.length > 0) {
        await reply(`I did not push: the branch has commits by someone else (${humans.slice(0, 3).join(', ')}).`);
        return save({ record: record('refused', 'human commits on the branch') });
      }
      const migration = await deps.loadMigration(c.migrationId);
      const task = `A reviewer with write access asked for this change on the pull request:\n\n${parsed.args.slice(0, 4000)}\n\nMake it within the migration's scope; the same checks must pass.`;
      const report = await deps.runBranchRound({ migration, repo: c.repoRef, config: deps.config, forge: deps.forge, task });
      if (c.link) await deps.store.recordRun(c.link, report);
      await reply(`fix round: ${outcomeOf(report)}`);
      const pushed = (report.status === 'verified' || report.status === 'unverified') && report.pr !== undefined && ['updated', 'pushed', 'reopened'].includes(report.pr.action);
      return save({ record: record(pushed ? 'done' : 'failed', report.reason), report });
    }
  }
  return undefined;
}

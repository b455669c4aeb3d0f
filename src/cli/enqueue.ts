/** `godwit enqueue`: start a campaign — one job per repository — on the fleet's Redis. */
import type { Command } from 'commander';
import { getMigration } from '../catalog/registry.js';
import { readPolicyFile } from '../config/policy-file.js';
import { GodwitError } from '../errors.js';
import { discoverRepos } from '../forge/github/discovery.js';
import { openQueueContextFromConfig } from '../queue/context.js';
import { enqueueCampaign } from '../queue/producer.js';
import { invalidReposError, readRepoFile, resolveRepoSources, type RepoSource } from '../queue/repo-list.js';
import { parseGate, parseWaves } from '../queue/waves.js';
import { collectVerifier, loadConfigFor, parsePositiveInt, printJson, reportError, ExitCode, verifierOverridesFromFlags, type Io } from './shared.js';

interface EnqueueFlags {
  repo: string[];
  repos?: string;
  githubSearch?: string;
  githubOrg?: string;
  name?: string;
  concurrency?: number;
  waves?: string;
  gate?: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
  install: boolean;
  json?: boolean;
  verifier: string[];
  policy?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command, io: Io): void {
  program
    .command('enqueue')
    .description('Start a campaign: run a migration on many repositories through the fleet (needs REDIS_URL).')
    .argument('<migration>', 'migration id from the catalog (godwit catalog)')
    .option('--repo <ref>', 'a repository: path, file:// URL, owner/name or GitHub URL (repeatable)', collect, [])
    .option('--repos <file>', 'a file with one repository per line (# comments allowed)')
    .option('--github-search <query>', 'repositories from a GitHub search (needs GITHUB_TOKEN)')
    .option('--github-org <org>', 'every repository of a GitHub organization (needs GITHUB_TOKEN)')
    .option('--name <name>', 'campaign name (its id); default: derived from the migration and repositories')
    .option('--concurrency <n>', 'max repositories of this campaign running at once across the fleet', parsePositiveInt('--concurrency'))
    .option('--waves <sizes>', 'release repositories in waves, e.g. 5,50,all')
    .option('--gate <rate>', 'verified rate (0-1) a wave needs before the next is released (default 0.8)')
    .option('--skip-invalid', 'enqueue the valid repositories even if some references are invalid')
    .option('--dry-run', 'publish nothing; reports carry the diff')
    .option('--no-install', 'do not install dependencies before verifying')
    .option('--verifier <kind=command>', 'campaign-wide verifier command (typecheck=…, lint=…, test=…) or lint=off; repeatable; a repository\'s .godwit.json wins', collectVerifier, [])
    .option('--policy <file>', 'follow-up policy of this campaign (YAML/JSON: pullRequests, ci — reviewers, merge window, ci.maxRounds …; docs/github.md)')
    .option('--json', 'print { campaignId, jobs } as JSON')
    .action(async (migrationId: string, flags: EnqueueFlags, cmd: Command) => {
      try {
        const config = await loadConfigFor(cmd);
        const migration = await getMigration(migrationId);
        const waves = flags.waves ? parseWaves(flags.waves) : undefined;
        const gate = flags.gate === undefined ? undefined : parseGate(flags.gate);
        const policy = flags.policy ? readPolicyFile(flags.policy) : undefined;
        if (gate !== undefined && !waves) throw new GodwitError('usage', '--gate needs --waves', 'Example: --waves 5,50,all --gate 0.8');

        const sources: RepoSource[] = flags.repo.map((text) => ({ origin: '--repo', text, cwd: process.cwd() }));
        if (flags.repos) sources.push(...readRepoFile(flags.repos));
        if (flags.githubSearch || flags.githubOrg) {
          const found = await discoverRepos(config, {
            ...(flags.githubSearch ? { search: flags.githubSearch } : {}),
            ...(flags.githubOrg ? { org: flags.githubOrg } : {}),
          });
          sources.push(...found.map((r) => ({ origin: flags.githubSearch ? '--github-search' : '--github-org', text: r.htmlUrl, cwd: process.cwd() })));
        }
        if (!sources.length) {
          throw new GodwitError('usage', 'No repositories given', 'Use --repo R (repeatable), --repos FILE, --github-search Q or --github-org ORG.');
        }
        const { repos, invalid } = resolveRepoSources(sources, { githubApiUrl: config.github.apiUrl });
        if (invalid.length && !flags.skipInvalid) throw invalidReposError(invalid);
        for (const bad of invalid) io.stderr(`godwit: skipped ${bad.origin}: ${bad.message}`);

        const ctx = await openQueueContextFromConfig(config);
        try {
          const result = await enqueueCampaign(ctx, {
            migration: migration.definition.id,
            repos,
            ...(flags.name ? { name: flags.name } : {}),
            ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
            ...(waves ? { waves } : {}),
            ...(gate !== undefined ? { gate } : {}),
            dryRun: flags.dryRun ?? false,
            install: flags.install,
            ...(flags.verifier.length ? { verifiers: verifierOverridesFromFlags(flags.verifier) } : {}),
            ...(policy ? { policy } : {}),
          });
          if (flags.json) {
            printJson(io, { campaignId: result.campaignId, jobs: result.jobs, created: result.created, skipped: invalid.length });
          } else if (result.created) {
            io.stdout(result.campaignId);
            io.stdout(
              `Campaign ${result.campaignId}: ${repos.length} repositories, ${result.jobs} released now` +
                `${result.waves > 1 ? ` (wave 1 of ${result.waves})` : ''}. Run \`godwit worker\`, then \`godwit status ${result.campaignId}\`.`,
            );
          } else {
            io.stdout(result.campaignId);
            io.stdout(`Campaign ${result.campaignId} exists already; no jobs added. See \`godwit status ${result.campaignId}\`.`);
          }
        } finally {
          await ctx.close();
        }
      } catch (error) {
        throw new ExitCode(reportError(io, error, flags.json));
      }
    });
}

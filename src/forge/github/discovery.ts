/**
 * Finding the repositories of a campaign on GitHub: a search query (search API, paginated) or
 * an organization's repositories, optionally filtered by topic and language. Archived
 * repositories and forks are skipped unless asked for — a migration PR to either is noise.
 */
import { z } from 'zod';
import type { GodwitConfig } from '../../config/schema.js';
import { GodwitError, formatZodIssues } from '../../errors.js';
import { createGithubClient, githubCall, type GithubClient, type GithubClientOptions } from './client.js';

export const discoverQuerySchema = z
  .object({
    search: z.string().trim().min(1).optional(),
    org: z.string().trim().min(1).optional(),
    topic: z.string().trim().min(1).optional(),
    language: z.string().trim().min(1).optional(),
    includeArchived: z.boolean().default(false),
    includeForks: z.boolean().default(false),
    /** Stop after this many repositories (the search API itself stops at 1000). */
    limit: z.number().int().positive().optional(),
  })
  .strict()
  .refine((q) => Boolean(q.search) !== Boolean(q.org), { message: 'give exactly one of search or org' });
export type DiscoverQuery = z.input<typeof discoverQuerySchema>;

export interface DiscoveredRepo {
  /** owner/name — what `godwit run` and the queue accept as a repository reference. */
  ref: string;
  htmlUrl: string;
  cloneUrl: string;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  language: string | null;
  topics: string[];
}

interface RepoLike {
  full_name: string;
  html_url: string;
  clone_url?: string;
  default_branch?: string;
  archived?: boolean;
  fork: boolean;
  language?: string | null;
  topics?: string[];
}

function toDiscovered(r: RepoLike): DiscoveredRepo {
  return {
    ref: r.full_name,
    htmlUrl: r.html_url,
    cloneUrl: r.clone_url ?? `${r.html_url}.git`,
    defaultBranch: r.default_branch ?? 'main',
    archived: r.archived ?? false,
    fork: r.fork,
    language: r.language ?? null,
    topics: r.topics ?? [],
  };
}

export interface DiscoverOptions {
  client?: GithubClient;
  clientOptions?: GithubClientOptions;
}

export async function discoverRepos(
  config: Pick<GodwitConfig, 'github'>,
  query: DiscoverQuery,
  options: DiscoverOptions = {},
): Promise<DiscoveredRepo[]> {
  const parsed = discoverQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new GodwitError(
      'usage',
      `Invalid GitHub discovery query:\n${formatZodIssues(parsed.error.issues)}`,
      'Use --github-search "<query>", or --github-org ORG with optional --topic and --language.',
    );
  }
  const q = parsed.data;
  const client = options.client ?? createGithubClient(config.github, options.clientOptions);
  let found: RepoLike[];
  if (q.search) {
    const search = q.search;
    let seen = 0;
    found = await githubCall(`search "${search}"`, 'search.repos', () =>
      client.paginate(client.rest.search.repos, { q: search, per_page: 100 }, (response, done) => {
        seen += response.data.length;
        // Stop paging once enough came back (filters below may drop some, so keep a margin).
        if (q.limit && seen >= q.limit * 2) done();
        return response.data;
      }),
    );
  } else {
    const org = q.org!;
    found = await githubCall(`organization ${org}`, 'repos.listForOrg', () =>
      client.paginate(client.rest.repos.listForOrg, { org, type: 'all', per_page: 100 }),
    );
  }
  const language = q.language?.toLowerCase();
  const topic = q.topic?.toLowerCase();
  const repos = found
    .map(toDiscovered)
    .filter((r) => q.includeArchived || !r.archived)
    .filter((r) => q.includeForks || !r.fork)
    .filter((r) => !language || r.language?.toLowerCase() === language)
    .filter((r) => !topic || r.topics.some((t) => t.toLowerCase() === topic));
  // Search pages can overlap when results shift between requests; keep each repository once.
  const unique = [...new Map(repos.map((r) => [r.ref.toLowerCase(), r])).values()];
  return q.limit ? unique.slice(0, q.limit) : unique;
}

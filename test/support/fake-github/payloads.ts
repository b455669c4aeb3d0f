/**
 * JSON bodies of the fake GitHub, shaped like GitHub's (every one is validated against the
 * OpenAPI description in tests). Builders take the fake's state and the server's base URL.
 */

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  private: boolean;
  language: string | null;
  topics: string[];
  description: string | null;
  /** Local bare repository the clone_url points to. */
  barePath: string;
  createdAt: string;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
}

export interface FakePull {
  id: number;
  number: number;
  repo: string; // owner/name
  title: string;
  body: string | null;
  head: string;
  base: string;
  /** sha of the head branch when the PR was merged or closed (GitHub freezes it then). */
  frozenHeadSha?: string;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  closedAt: string | null;
  labels: FakeLabel[];
  requestedReviewers: string[];
  /** Team slugs (of the repository's owner organisation). */
  requestedTeams?: string[];
  assignees?: string[];
  mergeMethod?: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeStatus {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  createdAt: string;
}

export interface FakeCheckRun {
  id: number;
  sha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  startedAt: string;
  /** A GitHub Actions job (details_url points at the job; its log is served by the Actions API). */
  actions?: boolean;
  /** The job's log (Actions) — served at /actions/jobs/{id}/logs. */
  log?: string;
  /** The check run's own output (non-Actions checks). */
  output?: { title: string | null; summary: string | null; text: string | null };
  suiteId?: number;
}

export interface FakeReview {
  id: number;
  pull: number;
  repo: string;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commitId: string;
  submittedAt: string;
}

const nodeId = (kind: string, id: number): string => Buffer.from(`${kind}:${id}`).toString('base64');

/** A stable numeric id per login. */
export function userId(login: string): number {
  let h = 7;
  for (const c of login) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return h + 1;
}

export function simpleUser(api: string, login: string, type: 'User' | 'Organization' | 'Bot' = 'User') {
  // Like GitHub, URLs carry the login percent-encoded ("godwit-bot%5Bbot%5D"): [ ] are not URI characters.
  const segment = encodeURIComponent(login);
  const url = `${api}/users/${segment}`;
  const id = userId(login);
  return {
    login,
    id,
    node_id: nodeId('User', id),
    avatar_url: `${api}/avatars/${segment}`,
    gravatar_id: '',
    url,
    html_url: `${api.replace(/\/api\/v3$/, '')}/${segment}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
    user_view_type: 'public',
  };
}

/** Fields shared by repository, full-repository, minimal-repository and repo-search-result-item. */
export function repositoryJson(api: string, r: FakeRepo) {
  const full = `${r.owner}/${r.name}`;
  const url = `${api}/repos/${full}`;
  const now = r.createdAt;
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: full,
    owner: simpleUser(api, r.owner, 'Organization'),
    private: r.private,
    html_url: `http://github.test/${full}`,
    description: r.description,
    fork: r.fork,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.test/${full}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.test:${full}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: r.barePath,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `http://github.test/${full}`,
    homepage: null,
    language: r.language,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: r.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: r.topics,
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: r.archived,
    disabled: false,
    visibility: r.private ? 'private' : 'public',
    pushed_at: now,
    created_at: now,
    updated_at: now,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
  };
}

export function fullRepositoryJson(api: string, r: FakeRepo) {
  return { ...repositoryJson(api, r), network_count: 0, subscribers_count: 0 };
}

export function searchItemJson(api: string, r: FakeRepo) {
  return { ...repositoryJson(api, r), score: 1 };
}

export function labelJson(api: string, repo: string, l: FakeLabel) {
  return {
    id: l.id,
    node_id: nodeId('Label', l.id),
    url: `${api}/repos/${repo}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    // pull-request-simple requires a string here (no null), so use "" like a label without one.
    description: '',
    color: l.color,
    default: false,
  };
}

function link(href: string) {
  return { href };
}

/** pull-request-simple (lists); `full` adds the pull-request (single) fields. */
export function pullJson(api: string, pr: FakePull, repo: FakeRepo, headSha: string, baseSha: string, full: boolean) {
  const url = `${api}/repos/${pr.repo}/pulls/${pr.number}`;
  const html = `http://github.test/${pr.repo}/pull/${pr.number}`;
  const issue = `${api}/repos/${pr.repo}/issues/${pr.number}`;
  const statuses = `${api}/repos/${pr.repo}/statuses/${headSha}`;
  const repoJson = repositoryJson(api, repo);
  const owner = simpleUser(api, repo.owner, 'Organization');
  const simple = {
    url,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/repos/${pr.repo}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: simpleUser(api, pr.user, pr.user.endsWith('[bot]') ? 'Bot' : 'User'),
    body: pr.body,
    labels: pr.labels.map((l) => labelJson(api, pr.repo, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.merged ? headSha : null,
    assignee: null,
    assignees: [],
    requested_reviewers: pr.requestedReviewers.map((l) => simpleUser(api, l)),
    requested_teams: [],
    head: { label: `${repo.owner}:${pr.head}`, ref: pr.head, sha: headSha, user: owner, repo: repoJson },
    base: { label: `${repo.owner}:${pr.base}`, ref: pr.base, sha: baseSha, user: owner, repo: repoJson },
    _links: {
      self: link(url),
      html: link(html),
      issue: link(issue),
      comments: link(`${issue}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${api}/repos/${pr.repo}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(statuses),
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: pr.draft,
  };
  if (!full) return simple;
  return {
    ...simple,
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.merged ? simpleUser(api, 'maintainer') : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: true,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

export function combinedStatusJson(api: string, repo: FakeRepo, sha: string, statuses: FakeStatus[]) {
  const full = `${repo.owner}/${repo.name}`;
  const state = statuses.some((s) => s.state === 'failure' || s.state === 'error')
    ? 'failure'
    : statuses.length === 0 || statuses.some((s) => s.state === 'pending')
      ? 'pending'
      : 'success';
  return {
    state,
    sha,
    total_count: statuses.length,
    statuses: statuses.map((s) => ({
      url: `${api}/repos/${full}/statuses/${sha}`,
      avatar_url: null,
      id: s.id,
      node_id: nodeId('StatusContext', s.id),
      state: s.state,
      description: null,
      target_url: null,
      context: s.context,
      created_at: s.createdAt,
      updated_at: s.createdAt,
    })),
    repository: repositoryJson(api, repo),
    commit_url: `${api}/repos/${full}/commits/${sha}`,
    url: `${api}/repos/${full}/commits/${sha}/status`,
  };
}

export function checkRunJson(api: string, repo: FakeRepo, run: FakeCheckRun) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: run.id,
    head_sha: run.sha,
    node_id: nodeId('CheckRun', run.id),
    external_id: String(run.id),
    url: `${api}/repos/${full}/check-runs/${run.id}`,
    html_url: `http://github.test/${full}/runs/${run.id}`,
    details_url: run.actions ? `http://github.test/${full}/actions/runs/${run.suiteId ?? run.id}/job/${run.id}` : null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.status === 'completed' ? run.startedAt : null,
    output: { title: run.output?.title ?? null, summary: run.output?.summary ?? null, text: run.output?.text ?? null, annotations_count: 0, annotations_url: `${api}/repos/${full}/check-runs/${run.id}/annotations` },
    name: run.name,
    check_suite: { id: run.suiteId ?? run.id },
    app: null,
    pull_requests: [],
  };
}

export function reviewJson(api: string, r: FakeReview) {
  const pullUrl = `${api}/repos/${r.repo}/pulls/${r.pull}`;
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: simpleUser(api, r.user),
    body: '',
    state: r.state,
    html_url: `http://github.test/${r.repo}/pull/${r.pull}#pullrequestreview-${r.id}`,
    pull_request_url: pullUrl,
    _links: { html: { href: `http://github.test/${r.repo}/pull/${r.pull}` }, pull_request: { href: pullUrl } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: 'MEMBER',
  };
}

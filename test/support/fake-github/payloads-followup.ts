/**
 * JSON bodies for the follow-up endpoints of the fake GitHub (comments, reactions, permissions,
 * teams, contents, files, commits, merges, branch protection, App installations), shaped like
 * GitHub's and validated against the OpenAPI description in tests.
 */
import { labelJson, repositoryJson, simpleUser, type FakeLabel, type FakeRepo } from './payloads.js';

const nodeId = (kind: string, id: number): string => Buffer.from(`${kind}:${id}`).toString('base64');
const WEB = 'http://github.test';

export interface FakeComment {
  id: number;
  repo: string;
  issue: number;
  user: string;
  body: string;
  createdAt: string;
}

export interface FakeReaction {
  id: number;
  commentId: number;
  user: string;
  content: '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
  createdAt: string;
}

export interface FakeTeam {
  id: number;
  org: string;
  slug: string;
  members: string[];
}

export interface FakeCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  date: string;
  message: string;
  tree: string;
}

export function commentJson(api: string, c: FakeComment) {
  const url = `${api}/repos/${c.repo}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    url,
    html_url: `${WEB}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: simpleUser(api, c.user, c.user.endsWith('[bot]') ? 'Bot' : 'User'),
    created_at: c.createdAt,
    updated_at: c.createdAt,
    issue_url: `${api}/repos/${c.repo}/issues/${c.issue}`,
    author_association: 'MEMBER',
  };
}

export function reactionJson(api: string, r: FakeReaction) {
  return { id: r.id, node_id: nodeId('Reaction', r.id), user: simpleUser(api, r.user, r.user.endsWith('[bot]') ? 'Bot' : 'User'), content: r.content, created_at: r.createdAt };
}

export function permissionJson(api: string, login: string, permission: 'admin' | 'write' | 'read' | 'none') {
  const push = permission === 'admin' || permission === 'write';
  return {
    permission,
    role_name: permission,
    user: {
      ...simpleUser(api, login),
      permissions: { admin: permission === 'admin', maintain: false, push, triage: push, pull: permission !== 'none' },
      role_name: permission,
    },
  };
}

export function teamJson(api: string, t: FakeTeam) {
  const url = `${api}/orgs/${t.org}/teams/${t.slug}`;
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url,
    html_url: `${WEB}/orgs/${t.org}/teams/${t.slug}`,
    name: t.slug,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'push',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
    type: 'organization',
  };
}

export function contentFileJson(api: string, repo: string, filePath: string, content: string, sha: string, ref: string) {
  const url = `${api}/repos/${repo}/contents/${filePath}?ref=${encodeURIComponent(ref)}`;
  const html = `${WEB}/${repo}/blob/${ref}/${filePath}`;
  const git = `${api}/repos/${repo}/git/blobs/${sha}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(content),
    name: filePath.split('/').pop()!,
    path: filePath,
    content: Buffer.from(content).toString('base64'),
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: `${WEB}/raw/${repo}/${ref}/${filePath}`,
    _links: { self: url, git, html },
  };
}

export function diffEntryJson(api: string, repo: string, f: { filename: string; status: string; additions: number; deletions: number; sha: string }) {
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${WEB}/${repo}/blob/${f.sha}/${f.filename}`,
    raw_url: `${WEB}/${repo}/raw/${f.sha}/${f.filename}`,
    contents_url: `${api}/repos/${repo}/contents/${f.filename}?ref=${f.sha}`,
  };
}

export function commitJson(api: string, repo: string, c: FakeCommit) {
  const url = `${api}/repos/${repo}/commits/${c.sha}`;
  const person = { name: c.authorName, email: c.authorEmail, date: c.date };
  return {
    url,
    sha: c.sha,
    node_id: nodeId('Commit', parseInt(c.sha.slice(0, 8), 16)),
    html_url: `${WEB}/${repo}/commit/${c.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${api}/repos/${repo}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${api}/repos/${repo}/git/trees/${c.tree}` },
    },
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/repos/${repo}/commits/${p}`, html_url: `${WEB}/${repo}/commit/${p}` })),
  };
}

export function statusCheckPolicyJson(api: string, repo: string, branch: string, contexts: string[]) {
  const url = `${api}/repos/${repo}/branches/${branch}/protection/required_status_checks`;
  return { url, contexts_url: `${url}/contexts`, strict: false, contexts, checks: contexts.map((context) => ({ context, app_id: null })) };
}

export function issueJson(api: string, repo: FakeRepo, pr: { id: number; number: number; title: string; body: string | null; state: string; labels: FakeLabel[]; assignees: string[]; user: string; createdAt: string; updatedAt: string; closedAt: string | null }) {
  const full = `${repo.owner}/${repo.name}`;
  const url = `${api}/repos/${full}/issues/${pr.number}`;
  const assignees = pr.assignees.map((a) => simpleUser(api, a));
  return {
    id: pr.id,
    node_id: nodeId('Issue', pr.id),
    url,
    repository_url: `${api}/repos/${full}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${WEB}/${full}/pull/${pr.number}`,
    number: pr.number,
    state: pr.state,
    title: pr.title,
    body: pr.body,
    user: simpleUser(api, pr.user, pr.user.endsWith('[bot]') ? 'Bot' : 'User'),
    labels: pr.labels.map((l) => labelJson(api, full, l)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    pull_request: { url: `${api}/repos/${full}/pulls/${pr.number}`, html_url: `${WEB}/${full}/pull/${pr.number}`, diff_url: null, patch_url: null },
    closed_at: pr.closedAt,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    author_association: 'CONTRIBUTOR',
    repository: repositoryJson(api, repo),
  };
}

export function installationJson(api: string, id: number, appId: number, owner: string) {
  const now = '2026-01-01T00:00:00Z';
  return {
    id,
    account: simpleUser(api, owner, 'Organization'),
    repository_selection: 'all',
    access_tokens_url: `${api}/app/installations/${id}/access_tokens`,
    repositories_url: `${api}/installation/repositories`,
    html_url: `${WEB}/organizations/${owner}/settings/installations/${id}`,
    app_id: appId,
    app_slug: 'godwit',
    target_id: 1,
    target_type: 'Organization',
    permissions: { contents: 'write', pull_requests: 'write', checks: 'read', actions: 'read', issues: 'write', metadata: 'read' },
    events: ['pull_request', 'check_suite', 'issue_comment', 'pull_request_review'],
    created_at: now,
    updated_at: now,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

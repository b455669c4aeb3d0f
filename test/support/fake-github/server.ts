/**
 * A stateful fake GitHub REST API over real HTTP (node:http) for exactly the endpoints godwit
 * calls. Repositories are real bare git repositories in a temp folder; their `clone_url` is
 * that folder's path, so git clone/fetch/push work for real. Every response is validated
 * against GitHub's OpenAPI description as it is sent (see `violations`), and faults (403
 * secondary rate limit, 502, 422, 404) can be injected per route.
 *
 * The API is mounted under /api/v3 like GitHub Enterprise, so the tests also cover GITHUB_API_URL.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHmac, createPublicKey, randomBytes, randomUUID, verify as verifySignature, type KeyObject } from 'node:crypto';
import { validateRequestBody, validateResponse, type ResponseCheck } from './openapi.js';
import {
  commentJson,
  commitJson,
  contentFileJson,
  diffEntryJson,
  installationJson,
  issueJson,
  permissionJson,
  reactionJson,
  statusCheckPolicyJson,
  teamJson,
  type FakeComment,
  type FakeCommit,
  type FakeReaction,
  type FakeTeam,
} from './payloads-followup.js';
import {
  simpleUser,
  checkRunJson,
  combinedStatusJson,
  fullRepositoryJson,
  labelJson,
  pullJson,
  repositoryJson,
  reviewJson,
  searchItemJson,
  type FakeCheckRun,
  type FakeLabel,
  type FakePull,
  type FakeRepo,
  type FakeReview,
  type FakeStatus,
} from './payloads.js';

export const API_PREFIX = '/api/v3';
const DOCS = 'https://docs.github.com/rest';

export interface Fault {
  method?: string;
  /** Matched against the path without /api/v3 (and without the query). */
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface AddRepoOptions {
  owner: string;
  name: string;
  defaultBranch?: string;
  /** Files of the first commit (path → content); or copy a directory with `fromDir`. */
  files?: Record<string, string>;
  fromDir?: string;
  archived?: boolean;
  fork?: boolean;
  private?: boolean;
  language?: string | null;
  topics?: string[];
  description?: string | null;
  /** false: metadata only, no bare repository (fast; for discovery tests). Default true. */
  git?: boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

const notFound = (): HttpError => new HttpError(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
const validationFailed = (errors: Array<Record<string, unknown>>, message = 'Validation Failed'): HttpError =>
  new HttpError(422, { message, errors, documentation_url: DOCS, status: '422' });

export function secondaryRateLimit(times = 1, retryAfterSeconds = 1, path: RegExp = /.*/, method?: string): Fault {
  return {
    path,
    ...(method !== undefined ? { method } : {}),
    times,
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

function git(args: string[], cwd?: string, env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const FIXTURE_AUTHOR = {
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
};

export class FakeGithub {
  readonly root: string;
  readonly requests: RecordedRequest[] = [];
  /** Every response's OpenAPI check; `violations` keeps the failed ones. */
  readonly checks: ResponseCheck[] = [];
  private readonly repos = new Map<string, FakeRepo>();
  private readonly pulls: FakePull[] = [];
  private readonly statuses: FakeStatus[] = [];
  private readonly checkRuns: FakeCheckRun[] = [];
  private readonly reviews: FakeReview[] = [];
  private readonly faults: Fault[] = [];
  readonly comments: FakeComment[] = [];
  readonly reactions: FakeReaction[] = [];
  private readonly permissions = new Map<string, 'admin' | 'write' | 'read' | 'none'>();
  private readonly teams: FakeTeam[] = [];
  /** "owner/name#branch" → required status check contexts. */
  private readonly protections = new Map<string, string[]>();
  /** Branches deleted through the API (owner/name#branch). */
  readonly deletedBranches: string[] = [];
  private app: { appId: number; publicKey: KeyObject; installations: Map<string, number> } | undefined;
  /** Installation tokens minted by the fake (token → installation id); they authenticate API calls. */
  private readonly installationTokens = new Map<string, number>();
  /** Every request body's OpenAPI check (requests godwit sent). */
  readonly requestChecks: ResponseCheck[] = [];
  private nextId = 1000;
  private server: http.Server | undefined;
  private origin = '';

  private constructor(
    private readonly options: { token?: string | undefined; validate: boolean },
  ) {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'fake-github-'));
  }

  /** `token`: when set, API calls without it get 401 (like GitHub for private repositories). */
  static async start(options: { token?: string; validate?: boolean } = {}): Promise<FakeGithub> {
    const fake = new FakeGithub({ token: options.token, validate: options.validate ?? true });
    await fake.listen();
    return fake;
  }

  get apiUrl(): string {
    return `${this.origin}${API_PREFIX}`;
  }

  /** Responses and request bodies that do not match GitHub's OpenAPI description. */
  get violations(): ResponseCheck[] {
    return [...this.checks, ...this.requestChecks].filter((c) => c.errors.length > 0);
  }

  private listen(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) => {
      this.server!.listen(0, '127.0.0.1', () => {
        this.origin = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    rmSync(this.root, { recursive: true, force: true });
  }

  // ---- state helpers for tests -------------------------------------------------------------

  addRepo(opts: AddRepoOptions): FakeRepo {
    const full = `${opts.owner}/${opts.name}`;
    const defaultBranch = opts.defaultBranch ?? 'main';
    const barePath = path.join(this.root, 'remotes', opts.owner, `${opts.name}.git`);
    if (opts.git !== false) this.seedBareRepo(barePath, defaultBranch, opts);
    const repo: FakeRepo = {
      id: this.nextId++,
      owner: opts.owner,
      name: opts.name,
      defaultBranch,
      archived: opts.archived ?? false,
      fork: opts.fork ?? false,
      private: opts.private ?? false,
      language: opts.language === undefined ? 'TypeScript' : opts.language,
      topics: opts.topics ?? [],
      description: opts.description ?? null,
      barePath,
      createdAt: new Date().toISOString(),
    };
    this.repos.set(full.toLowerCase(), repo);
    return repo;
  }

  private seedBareRepo(barePath: string, defaultBranch: string, opts: AddRepoOptions): void {
    mkdirSync(barePath, { recursive: true });
    git(['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`, barePath]);
    const work = mkdtempSync(path.join(this.root, 'seed-'));
    if (opts.fromDir) {
      const skip = (src: string): boolean => path.relative(opts.fromDir!, src).split(path.sep).some((seg) => seg === '.git' || seg === 'node_modules');
      cpSync(opts.fromDir, work, { recursive: true, filter: (src) => !skip(src) });
    }
    for (const [file, content] of Object.entries(opts.files ?? (opts.fromDir ? {} : { 'README.md': `# ${opts.name}\n` }))) {
      mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      writeFileSync(path.join(work, file), content);
    }
    git(['init', '--quiet', `--initial-branch=${defaultBranch}`], work);
    git(['add', '-A'], work);
    git(['commit', '--quiet', '-m', 'Initial commit'], work, FIXTURE_AUTHOR);
    git(['push', '--quiet', barePath, `HEAD:refs/heads/${defaultBranch}`], work);
    rmSync(work, { recursive: true, force: true });
  }

  repo(full: string): FakeRepo {
    const r = this.repos.get(full.toLowerCase());
    if (!r) throw new Error(`fake GitHub has no repository ${full}`);
    return r;
  }

  /** Commit sha of a branch in the bare repository, or undefined (read from the ref files: no git process). */
  branchSha(full: string, branch: string): string | undefined {
    const bare = this.repo(full).barePath;
    const loose = path.join(bare, 'refs', 'heads', ...branch.split('/'));
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = path.join(bare, 'packed-refs');
    if (!existsSync(packed)) return undefined;
    const line = readFileSync(packed, 'utf8')
      .split('\n')
      .find((l) => l.endsWith(` refs/heads/${branch}`));
    return line?.split(' ')[0];
  }

  /** Pushes a commit by a human to `branch` (as someone editing godwit's PR would). */
  pushHumanCommit(full: string, branch: string, file = 'HUMAN.md', author = { name: 'Ada Human', email: 'ada@example.com' }): string {
    const work = mkdtempSync(path.join(this.root, 'human-'));
    try {
      git(['clone', '--quiet', '--branch', branch, this.repo(full).barePath, work]);
      writeFileSync(path.join(work, file), `edited by ${author.name}\n`);
      git(['add', file], work);
      const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email };
      git(['commit', '--quiet', '-m', 'A human edit'], work, env);
      git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], work);
      return git(['rev-parse', 'HEAD'], work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  pullsOf(full: string): FakePull[] {
    return this.pulls.filter((p) => p.repo.toLowerCase() === full.toLowerCase());
  }

  private pull(full: string, number: number): FakePull {
    const p = this.pullsOf(full).find((x) => x.number === number);
    if (!p) throw notFound();
    return p;
  }

  /** A closed PR keeps the head it had when it closed (absent: the branch is gone). */
  private freezeHead(pr: FakePull): void {
    const sha = this.branchSha(pr.repo, pr.head);
    if (sha) pr.frozenHeadSha = sha;
  }

  mergePull(full: string, number: number): void {
    const p = this.pull(full, number);
    const now = new Date().toISOString();
    this.freezeHead(p);
    Object.assign(p, { state: 'closed', merged: true, mergedAt: now, closedAt: now, updatedAt: now });
  }

  closePull(full: string, number: number): void {
    const p = this.pull(full, number);
    const now = new Date().toISOString();
    this.freezeHead(p);
    Object.assign(p, { state: 'closed', closedAt: now, updatedAt: now });
  }

  addStatus(sha: string, state: FakeStatus['state'], context = 'ci/build'): void {
    this.statuses.push({ id: this.nextId++, sha, state, context, createdAt: new Date().toISOString() });
  }

  addCheckRun(sha: string, name: string, status: FakeCheckRun['status'], conclusion: FakeCheckRun['conclusion'] = null): void {
    this.checkRuns.push({ id: this.nextId++, sha, name, status, conclusion, startedAt: new Date().toISOString() });
  }

  addReview(full: string, number: number, user: string, state: FakeReview['state']): void {
    const p = this.pull(full, number);
    this.reviews.push({
      id: this.nextId++,
      pull: p.number,
      repo: p.repo,
      user,
      state,
      commitId: this.headSha(p),
      submittedAt: new Date().toISOString(),
    });
  }

  requestReviewer(full: string, number: number, login: string): void {
    this.pull(full, number).requestedReviewers.push(login);
  }


  /** Commits files to `branch` as `author` (e.g. the base branch moving on). Returns the new sha. */
  pushCommit(full: string, branch: string, files: Record<string, string>, message = 'Change on the base', author = { name: 'Ada Human', email: 'ada@example.com' }): string {
    const work = mkdtempSync(path.join(this.root, 'commit-'));
    try {
      git(['clone', '--quiet', '--branch', branch, this.repo(full).barePath, work]);
      for (const [file, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
        writeFileSync(path.join(work, file), content);
      }
      git(['add', '-A'], work);
      const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email };
      git(['commit', '--quiet', '-m', message], work, env);
      git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], work);
      return git(['rev-parse', 'HEAD'], work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** A file's content at a ref of the bare repository, or undefined. */
  fileAt(full: string, ref: string, file: string): string | undefined {
    try {
      return git(['show', `${ref}:${file}`], this.repo(full).barePath);
    } catch {
      return undefined;
    }
  }

  /**
   * Runs a fake CI on `sha`: `script` reads files of that commit and answers with the check runs to
   * record (Actions jobs with their logs, or plain check runs with an output).
   */
  runCi(
    full: string,
    sha: string,
    script: (read: (file: string) => string | undefined) => Array<{ name: string; conclusion: NonNullable<FakeCheckRun['conclusion']>; log?: string; output?: FakeCheckRun['output']; actions?: boolean }>,
  ): FakeCheckRun[] {
    const suiteId = this.nextId++;
    const runs = script((file) => this.fileAt(full, sha, file)).map(
      (r): FakeCheckRun => ({
        id: this.nextId++,
        sha,
        name: r.name,
        status: 'completed',
        conclusion: r.conclusion,
        startedAt: new Date().toISOString(),
        actions: r.actions ?? r.output === undefined,
        suiteId,
        ...(r.log !== undefined ? { log: r.log } : {}),
        ...(r.output ? { output: r.output } : {}),
      }),
    );
    this.checkRuns.push(...runs);
    return runs;
  }

  checkRunsFor(sha: string): FakeCheckRun[] {
    return this.checkRuns.filter((r) => r.sha === sha);
  }

  addComment(full: string, issue: number, user: string, body: string): FakeComment {
    const c: FakeComment = { id: this.nextId++, repo: this.pull(full, issue).repo, issue, user, body, createdAt: new Date().toISOString() };
    this.comments.push(c);
    return c;
  }

  commentsOn(full: string, issue: number): FakeComment[] {
    return this.comments.filter((c) => c.repo.toLowerCase() === full.toLowerCase() && c.issue === issue);
  }

  reactionsTo(commentId: number): FakeReaction[] {
    return this.reactions.filter((r) => r.commentId === commentId);
  }

  setPermission(full: string, user: string, permission: 'admin' | 'write' | 'read' | 'none'): void {
    this.permissions.set(`${full.toLowerCase()}#${user.toLowerCase()}`, permission);
  }

  addTeam(org: string, slug: string, members: string[] = []): FakeTeam {
    const t: FakeTeam = { id: this.nextId++, org, slug, members };
    this.teams.push(t);
    return t;
  }

  /** Branch protection with required status checks (by check name / status context). */
  requireChecks(full: string, branch: string, contexts: string[]): void {
    this.protections.set(`${full.toLowerCase()}#${branch}`, contexts);
  }

  pullOf(full: string, number: number): FakePull {
    return this.pull(full, number);
  }

  /** What GitHub would say about merging the open PR now: dirty (conflicts), behind or clean. */
  mergeableState(full: string, number: number): string | undefined {
    const body = this.pullBody(this.pull(full, number), true) as { mergeable_state?: string };
    return body.mergeable_state;
  }

  /** Turns on GitHub App endpoints: JWTs signed with the private key of `publicKeyPem` are accepted. */
  enableApp(appId: number, publicKeyPem: string, installations: Record<string, number>): void {
    this.app = { appId, publicKey: createPublicKey(publicKeyPem), installations: new Map(Object.entries(installations).map(([o, id]) => [o.toLowerCase(), id])) };
  }

  get mintedTokens(): string[] {
    return [...this.installationTokens.keys()];
  }

  /** Does merging head into base conflict? (git merge-tree, no work tree touched.) */
  private conflicts(pr: FakePull): boolean {
    const head = this.headSha(pr);
    const base = this.branchSha(pr.repo, pr.base);
    if (!base) return false;
    try {
      git(['merge-tree', '--write-tree', '--no-messages', base, head], this.repo(pr.repo).barePath);
      return false;
    } catch {
      return true;
    }
  }

  private behind(pr: FakePull): boolean {
    const base = this.branchSha(pr.repo, pr.base);
    if (!base) return false;
    try {
      git(['merge-base', '--is-ancestor', base, this.headSha(pr)], this.repo(pr.repo).barePath);
      return false;
    } catch {
      return true;
    }
  }

  private commitsOf(pr: FakePull): FakeCommit[] {
    const out = git(['log', '--reverse', '--format=%H%x09%P%x09%an%x09%ae%x09%aI%x09%T%x09%s', `${pr.base}..${this.headSha(pr)}`], this.repo(pr.repo).barePath);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, parents, authorName, authorEmail, date, tree, message] = line.split('\t') as [string, string, string, string, string, string, string];
        return { sha, parents: parents.split(' ').filter(Boolean), authorName, authorEmail, date, tree, message };
      });
  }

  private filesOf(pr: FakePull): Array<{ filename: string; status: string; additions: number; deletions: number; sha: string }> {
    const bare = this.repo(pr.repo).barePath;
    const head = this.headSha(pr);
    const numstat = git(['diff', '--numstat', `${pr.base}...${head}`], bare).split('\n').filter(Boolean);
    const names = new Map(
      git(['diff', '--name-status', `${pr.base}...${head}`], bare)
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [st, file] = l.split('\t') as [string, string];
          return [file, st.startsWith('A') ? 'added' : st.startsWith('D') ? 'removed' : 'modified'];
        }),
    );
    return numstat.map((l) => {
      const [add, del, filename] = l.split('\t') as [string, string, string];
      return { filename, status: names.get(filename) ?? 'modified', additions: Number(add) || 0, deletions: Number(del) || 0, sha: head };
    });
  }

  private verifyJwt(auth: string | undefined): number {
    // HTTP auth schemes are case-insensitive (@octokit/auth-app sends "bearer").
    const jwt = /^bearer (.+)$/i.exec(auth ?? '')?.[1];
    if (!this.app || !jwt) throw new HttpError(401, { message: 'A JSON web token could not be decoded', documentation_url: DOCS, status: '401' });
    const [h, p, sig] = jwt.split('.');
    if (!h || !p || !sig) throw new HttpError(401, { message: 'A JSON web token could not be decoded', documentation_url: DOCS, status: '401' });
    const ok = verifySignature('RSA-SHA256', Buffer.from(`${h}.${p}`), this.app.publicKey, Buffer.from(sig, 'base64url'));
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
    if (!ok || String(claims.iss) !== String(this.app.appId) || !claims.exp || claims.exp * 1000 < Date.now()) {
      throw new HttpError(401, { message: "'Issuer' claim ('iss') must be an Integer, or the JWT signature does not verify", documentation_url: DOCS, status: '401' });
    }
    return this.app.appId;
  }


  // ---- webhook deliveries ----------------------------------------------------------------------

  /** Payloads shaped like GitHub's webhook events, built from the fake's state. */
  webhookPayload(
    event: 'issue_comment' | 'check_suite' | 'pull_request' | 'pull_request_review',
    args: { repo: string; pull: number; comment?: FakeComment; action?: string; conclusion?: string; review?: { user: string; state: string } },
  ): Record<string, unknown> {
    const repo = this.repo(args.repo);
    const pr = this.pull(args.repo, args.pull);
    const installation = this.app?.installations.get(repo.owner.toLowerCase());
    const common = {
      repository: repositoryJson(this.apiUrl, repo),
      sender: simpleUser(this.apiUrl, args.comment?.user ?? args.review?.user ?? 'ada'),
      ...(installation ? { installation: { id: installation, node_id: `inst-${installation}` } } : {}),
    };
    const pull = this.pullBody(pr, true);
    if (event === 'issue_comment') {
      const c = args.comment!;
      return {
        action: args.action ?? 'created',
        issue: issueJson(this.apiUrl, repo, { ...pr, assignees: pr.assignees ?? [] }),
        comment: commentJson(this.apiUrl, c),
        ...common,
      };
    }
    if (event === 'check_suite') {
      const head = this.headSha(pr);
      return {
        action: args.action ?? 'completed',
        check_suite: {
          id: this.nextId++,
          head_branch: pr.head,
          head_sha: head,
          status: 'completed',
          conclusion: args.conclusion ?? 'failure',
          pull_requests: [{ number: pr.number, url: pull.url, id: pr.id, head: { ref: pr.head, sha: head }, base: { ref: pr.base, sha: this.branchSha(pr.repo, pr.base) } }],
        },
        ...common,
      };
    }
    if (event === 'pull_request_review') {
      return {
        action: args.action ?? 'submitted',
        review: { id: this.nextId++, state: (args.review?.state ?? 'approved').toLowerCase(), user: simpleUser(this.apiUrl, args.review?.user ?? 'ada') },
        pull_request: pull,
        ...common,
      };
    }
    return { action: args.action ?? 'synchronize', number: pr.number, pull_request: pull, ...common };
  }

  /**
   * Delivers a webhook like GitHub does: JSON body, X-GitHub-Event, X-GitHub-Delivery and
   * X-Hub-Signature-256 (HMAC-SHA256 with `secret`; pass `signature` to forge one).
   */
  async deliver(
    url: string,
    secret: string,
    event: string,
    payload: unknown,
    options: { deliveryId?: string; signature?: string } = {},
  ): Promise<{ status: number; body: string; deliveryId: string }> {
    const body = JSON.stringify(payload);
    const deliveryId = options.deliveryId ?? randomUUID();
    const signature = options.signature ?? `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signature,
    };
    // A connection per delivery (like GitHub): a kept-alive socket the receiver closed while a
    // long follow-up ran would fail the next delivery with ECONNRESET.
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers, agent: false }, (r) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    return { status: res.status, body: res.body, deliveryId };
  }

  /** Injects a fault for the next `times` matching requests. */
  fail(fault: Omit<Fault, 'times'> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const apiPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
    const record: RecordedRequest = { method, path: apiPath, query: url.search, authorization: req.headers.authorization, body, status: 0 };
    this.requests.push(record);

    let status: number;
    let payload: unknown;
    let headers: Record<string, string> = {};
    try {
      const fault = this.faults.find((f) => f.times > 0 && f.path.test(apiPath) && (!f.method || f.method === method));
      if (fault) {
        fault.times--;
        throw new HttpError(fault.status, (fault.body as Record<string, unknown>) ?? { message: `Injected ${fault.status}`, documentation_url: DOCS }, fault.headers);
      }
      const appEndpoint = /^\/app(\/|$)/.test(apiPath) || /^\/repos\/[^/]+\/[^/]+\/installation$/.test(apiPath);
      if (appEndpoint) this.verifyJwt(req.headers.authorization);
      else if (this.options.token || this.app) {
        const auth = req.headers.authorization ?? '';
        const given = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1];
        if (!given || (given !== this.options.token && !this.installationTokens.has(given))) {
          throw new HttpError(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
        }
      }
      if (this.options.validate && url.pathname.startsWith(API_PREFIX) && ['POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) {
        this.requestChecks.push(validateRequestBody(method, apiPath, body));
      }
      if (method === 'GET' && url.pathname.startsWith('/_logs/')) {
        const run = this.checkRuns.find((r) => r.id === Number(url.pathname.slice('/_logs/'.length)));
        record.status = run?.log !== undefined ? 200 : 404;
        res.writeHead(record.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(run?.log ?? 'Not Found');
        return;
      }
      const out = this.route(method, apiPath, url.searchParams, body);
      status = out.status ?? 200;
      payload = out.body;
      headers = out.headers ?? {};
    } catch (error) {
      if (!(error instanceof HttpError)) {
        status = 500;
        payload = { message: `fake GitHub bug: ${(error as Error).message}`, documentation_url: DOCS };
      } else {
        status = error.status;
        payload = error.body;
        headers = error.headers;
      }
    }
    record.status = status;
    if (this.options.validate && url.pathname.startsWith(API_PREFIX)) this.checks.push(validateResponse(method, apiPath, status, payload));
    const text = payload === undefined ? '' : JSON.stringify(payload);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...headers,
    });
    res.end(text);
  }

  private route(
    method: string,
    p: string,
    query: URLSearchParams,
    body: unknown,
  ): { status?: number; body?: unknown; headers?: Record<string, string> } {
    const api = this.apiUrl;
    let m: RegExpExecArray | null;
    const input = (body ?? {}) as Record<string, unknown>;

    if (method === 'GET' && p === '/search/repositories') {
      const q = query.get('q') ?? '';
      const terms = q.split(/\s+/).filter(Boolean);
      const items = [...this.repos.values()].filter((r) =>
        terms.every((t) => {
          const [k, v] = t.includes(':') ? (t.split(':', 2) as [string, string]) : ['', t];
          if (k === 'org' || k === 'user') return r.owner.toLowerCase() === v.toLowerCase();
          if (k === 'topic') return r.topics.includes(v);
          if (k === 'language') return (r.language ?? '').toLowerCase() === v.toLowerCase();
          if (k) return true; // other qualifiers are not modelled
          return `${r.owner}/${r.name} ${r.description ?? ''}`.toLowerCase().includes(v.toLowerCase());
        }),
      );
      const page = this.paginate(items, query, p);
      return {
        body: { total_count: items.length, incomplete_results: false, items: page.items.map((r) => searchItemJson(api, r)) },
        headers: page.headers,
      };
    }
    if (method === 'GET' && (m = /^\/orgs\/([^/]+)\/repos$/.exec(p))) {
      const org = m[1]!.toLowerCase();
      const items = [...this.repos.values()].filter((r) => r.owner.toLowerCase() === org);
      if (items.length === 0) throw notFound();
      const page = this.paginate(items, query, p);
      return { body: page.items.map((r) => repositoryJson(api, r)), headers: page.headers };
    }

    if ((m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(p)) && method === 'POST') {
      const id = Number(m[1]);
      if (![...(this.app?.installations.values() ?? [])].includes(id)) throw notFound();
      const token = `ghs_${randomBytes(18).toString('base64url')}`;
      this.installationTokens.set(token, id);
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: { contents: 'write', pull_requests: 'write', checks: 'read', actions: 'read', issues: 'write', metadata: 'read' },
          repository_selection: 'all',
        },
      };
    }
    if (!(m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(p))) throw notFound();
    const full = `${m[1]}/${m[2]}`;
    const repo = this.repos.get(full.toLowerCase());
    if (!repo) throw notFound();
    const rest = m[3] ?? '';

    if (rest === '' && method === 'GET') return { body: fullRepositoryJson(api, repo) };
    if (rest === '/installation' && method === 'GET') {
      const id = this.app?.installations.get(repo.owner.toLowerCase());
      if (!id || !this.app) throw notFound();
      return { body: installationJson(api, id, this.app.appId, repo.owner) };
    }
    if ((m = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest)) && method === 'POST') {
      const pr = this.pull(full, Number(m[1]));
      const users = (input.reviewers ?? []) as string[];
      const teams = (input.team_reviewers ?? []) as string[];
      const unknownTeam = teams.find((t) => !this.teams.some((x) => x.org.toLowerCase() === repo.owner.toLowerCase() && x.slug === t));
      if (unknownTeam) throw validationFailed([{ resource: 'PullRequest', field: 'team_reviewers', code: 'invalid' }], 'Reviews may only be requested from collaborators.');
      if (users.some((u) => u.toLowerCase() === pr.user.toLowerCase())) {
        throw validationFailed([], 'Review cannot be requested from pull request author.');
      }
      for (const u of users) if (!pr.requestedReviewers.includes(u)) pr.requestedReviewers.push(u);
      pr.requestedTeams = [...new Set([...(pr.requestedTeams ?? []), ...teams])];
      return { status: 201, body: this.pullBody(pr, false) };
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(rest)) && method === 'GET') {
      const pr = this.pull(full, Number(m[1]));
      const page = this.paginate(this.filesOf(pr), query, p);
      return { body: page.items.map((f) => diffEntryJson(api, pr.repo, f)), headers: page.headers };
    }
    if ((m = /^\/pulls\/(\d+)\/commits$/.exec(rest)) && method === 'GET') {
      const pr = this.pull(full, Number(m[1]));
      const page = this.paginate(this.commitsOf(pr), query, p);
      return { body: page.items.map((c) => commitJson(api, pr.repo, c)), headers: page.headers };
    }
    if ((m = /^\/pulls\/(\d+)\/merge$/.exec(rest)) && method === 'PUT') {
      const pr = this.pull(full, Number(m[1]));
      if (pr.state !== 'open' || pr.draft || this.conflicts(pr)) {
        throw new HttpError(405, { message: 'Pull Request is not mergeable', documentation_url: DOCS, status: '405' });
      }
      const head = this.headSha(pr);
      if (typeof input.sha === 'string' && input.sha !== head) {
        throw new HttpError(409, { message: 'Head branch was modified. Review and try the merge again.', documentation_url: DOCS, status: '409' });
      }
      this.mergePull(full, pr.number);
      pr.mergeMethod = (input.merge_method as string | undefined) ?? 'merge';
      return { body: { sha: head, merged: true, message: 'Pull Request successfully merged' } };
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const pr = this.pull(full, Number(m[1]));
      if (method === 'POST') {
        if (typeof input.body !== 'string' || input.body.trim() === '') throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
        const c = this.addComment(full, pr.number, 'godwit-bot[bot]', input.body);
        return { status: 201, body: commentJson(api, c) };
      }
      if (method === 'GET') {
        const page = this.paginate(this.commentsOn(full, pr.number), query, p);
        return { body: page.items.map((c) => commentJson(api, c)), headers: page.headers };
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest)) && method === 'POST') {
      const comment = this.comments.find((c) => c.id === Number(m![1]) && c.repo.toLowerCase() === full.toLowerCase());
      if (!comment) throw notFound();
      const existing = this.reactions.find((r) => r.commentId === comment.id && r.content === input.content && r.user === 'godwit-bot[bot]');
      if (existing) return { status: 200, body: reactionJson(api, existing) };
      const r: FakeReaction = { id: this.nextId++, commentId: comment.id, user: 'godwit-bot[bot]', content: input.content as FakeReaction['content'], createdAt: new Date().toISOString() };
      this.reactions.push(r);
      return { status: 201, body: reactionJson(api, r) };
    }
    if ((m = /^\/issues\/(\d+)\/assignees$/.exec(rest)) && method === 'POST') {
      const pr = this.pull(full, Number(m[1]));
      pr.assignees = [...new Set([...(pr.assignees ?? []), ...((input.assignees ?? []) as string[])])];
      return { status: 201, body: issueJson(api, repo, { ...pr, assignees: pr.assignees }) };
    }
    if ((m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest)) && method === 'GET') {
      const user = decodeURIComponent(m[1]!);
      const permission = this.permissions.get(`${full.toLowerCase()}#${user.toLowerCase()}`) ?? 'read';
      return { body: permissionJson(api, user, permission) };
    }
    if ((m = /^\/branches\/(.+)\/protection\/required_status_checks$/.exec(rest)) && method === 'GET') {
      const branch = decodeURIComponent(m[1]!);
      const contexts = this.protections.get(`${full.toLowerCase()}#${branch}`);
      if (!contexts) throw new HttpError(404, { message: 'Branch not protected', documentation_url: DOCS, status: '404' });
      return { body: statusCheckPolicyJson(api, full, branch, contexts) };
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === 'GET') {
      const file = decodeURIComponent(m[1]!);
      const ref = query.get('ref') ?? repo.defaultBranch;
      const content = this.fileAt(full, ref, file);
      if (content === undefined) throw notFound();
      const sha = git(['rev-parse', `${ref}:${file}`], repo.barePath);
      return { body: contentFileJson(api, full, file, `${content}\n`, sha, ref) };
    }
    // Octokit sends {ref} percent-encoded (heads%2Fgodwit%2Fx), as GitHub accepts it.
    if ((m = /^\/git\/refs\/(.+)$/.exec(rest)) && method === 'DELETE' && decodeURIComponent(m[1]!).startsWith('heads/')) {
      const branch = decodeURIComponent(m[1]!).slice('heads/'.length);
      if (!this.branchSha(full, branch)) throw validationFailed([], 'Reference does not exist');
      git(['update-ref', '-d', `refs/heads/${branch}`], repo.barePath);
      this.deletedBranches.push(`${full}#${branch}`);
      return { status: 204 };
    }
    if ((m = /^\/actions\/jobs\/(\d+)\/logs$/.exec(rest)) && method === 'GET') {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]) && r.actions);
      if (!run) throw notFound();
      return { status: 302, headers: { location: `${this.origin}/_logs/${run.id}` } };
    }

    if (rest === '/pulls' && method === 'GET') {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const items = this.pullsOf(full).filter(
        (pr) => (state === 'all' || pr.state === state) && (!head || head.toLowerCase() === `${repo.owner}:${pr.head}`.toLowerCase()),
      );
      const page = this.paginate(items, query, p);
      return { body: page.items.map((pr) => this.pullBody(pr, false)), headers: page.headers };
    }
    if (rest === '/pulls' && method === 'POST') return { status: 201, body: this.pullBody(this.createPull(repo, input), true) };
    if ((m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pr = this.pull(full, Number(m[1]));
      if (method === 'GET') return { body: this.pullBody(pr, true) };
      if (method === 'PATCH') return { body: this.pullBody(this.updatePull(pr, input), true) };
    }
    if ((m = /^\/pulls\/(\d+)\/reviews$/.exec(rest)) && method === 'GET') {
      const pr = this.pull(full, Number(m[1]));
      return { body: this.reviews.filter((r) => r.repo === pr.repo && r.pull === pr.number).map((r) => reviewJson(api, r)) };
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(rest)) && method === 'POST') {
      const pr = this.pull(full, Number(m[1]));
      const names = Array.isArray(body) ? body : (input.labels as unknown);
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n.trim() === '')) {
        throw validationFailed([{ resource: 'Label', field: 'name', code: 'invalid' }]);
      }
      for (const name of names as string[]) {
        if (!pr.labels.some((l) => l.name === name)) pr.labels.push({ id: this.nextId++, name, color: 'ededed' } satisfies FakeLabel);
      }
      return { body: pr.labels.map((l) => labelJson(api, pr.repo, l)) };
    }
    if ((m = /^\/commits\/([^/]+)\/status$/.exec(rest)) && method === 'GET') {
      const sha = this.resolveRef(repo, decodeURIComponent(m[1]!));
      return { body: combinedStatusJson(api, repo, sha, this.statuses.filter((s) => s.sha === sha)) };
    }
    if ((m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest)) && method === 'GET') {
      const sha = this.resolveRef(repo, decodeURIComponent(m[1]!));
      const runs = this.checkRuns.filter((r) => r.sha === sha);
      return { body: { total_count: runs.length, check_runs: runs.map((r) => checkRunJson(api, repo, r)) } };
    }
    throw notFound();
  }

  private resolveRef(repo: FakeRepo, ref: string): string {
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    const sha = this.branchSha(`${repo.owner}/${repo.name}`, ref);
    if (!sha) throw validationFailed([{ resource: 'Commit', field: 'ref', code: 'invalid' }], `No commit found for SHA: ${ref}`);
    return sha;
  }

  private headSha(pr: FakePull): string {
    return pr.frozenHeadSha ?? this.branchSha(pr.repo, pr.head) ?? '0'.repeat(40);
  }

  private pullBody(pr: FakePull, full: boolean) {
    const repo = this.repo(pr.repo);
    const json = pullJson(this.apiUrl, pr, repo, this.headSha(pr), this.branchSha(pr.repo, pr.base) ?? '0'.repeat(40), full);
    const teams = (pr.requestedTeams ?? []).map((slug) => this.teams.find((t) => t.slug === slug && t.org.toLowerCase() === repo.owner.toLowerCase())).filter((t) => t !== undefined);
    const assignees = (pr.assignees ?? []).map((a) => simpleUser(this.apiUrl, a));
    const extra: Record<string, unknown> = { requested_teams: teams.map((t) => teamJson(this.apiUrl, t)), assignees, assignee: assignees[0] ?? null };
    if (full && pr.state === 'open') {
      const conflicted = this.conflicts(pr);
      Object.assign(extra, { mergeable: !conflicted, rebaseable: !conflicted, mergeable_state: conflicted ? 'dirty' : this.behind(pr) ? 'behind' : 'clean' });
    }
    return { ...json, ...extra };
  }

  private createPull(repo: FakeRepo, input: Record<string, unknown>): FakePull {
    const full = `${repo.owner}/${repo.name}`;
    const errors: Array<Record<string, unknown>> = [];
    if (typeof input.title !== 'string' || input.title.trim() === '') errors.push({ resource: 'PullRequest', field: 'title', code: 'missing_field' });
    const headRaw = typeof input.head === 'string' ? input.head : '';
    const head = headRaw.includes(':') ? headRaw.split(':')[1]! : headRaw;
    const base = typeof input.base === 'string' ? input.base : '';
    if (!head || !this.branchSha(full, head)) errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' });
    if (!base || !this.branchSha(full, base)) errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' });
    if (typeof input.body === 'string' && input.body.length > 65_536) {
      errors.push({ resource: 'Issue', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' });
    }
    if (errors.length) throw validationFailed(errors);
    if (this.pullsOf(full).some((p) => p.state === 'open' && p.head === head)) {
      throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${head}.` }]);
    }
    const now = new Date().toISOString();
    const pr: FakePull = {
      id: this.nextId++,
      number: this.pulls.filter((p) => p.repo === full).length + 1,
      repo: full,
      title: input.title as string,
      body: typeof input.body === 'string' ? input.body : null,
      head,
      base,
      state: 'open',
      draft: input.draft === true,
      merged: false,
      mergedAt: null,
      closedAt: null,
      labels: [],
      requestedReviewers: [],
      user: 'godwit-bot[bot]',
      createdAt: now,
      updatedAt: now,
    };
    this.pulls.push(pr);
    return pr;
  }

  private updatePull(pr: FakePull, input: Record<string, unknown>): FakePull {
    if (typeof input.body === 'string' && input.body.length > 65_536) {
      throw validationFailed([{ resource: 'Issue', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }]);
    }
    if (typeof input.title === 'string') pr.title = input.title;
    if (typeof input.body === 'string') pr.body = input.body;
    if (input.state === 'open' && pr.state === 'closed') {
      if (pr.merged) throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }], 'Cannot reopen a merged pull request');
      Object.assign(pr, { state: 'open', closedAt: null });
      delete pr.frozenHeadSha;
    } else if (input.state === 'closed' && pr.state === 'open') {
      Object.assign(pr, { state: 'closed', closedAt: new Date().toISOString() });
      this.freezeHead(pr);
    }
    pr.updatedAt = new Date().toISOString();
    return pr;
  }

  /** GitHub-style pagination: per_page/page and a Link header with rel="next"/"last". */
  private paginate<T>(items: T[], query: URLSearchParams, p: string): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const links: string[] = [];
    const at = (n: number): string => {
      const q = new URLSearchParams(query);
      q.set('page', String(n));
      q.set('per_page', String(perPage));
      return `<${this.apiUrl}${p}?${q.toString()}>`;
    };
    if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (page > 1) links.push(`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`);
    return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : {} };
  }
}

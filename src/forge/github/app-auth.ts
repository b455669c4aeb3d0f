/**
 * GitHub App authentication (@octokit/auth-app): the App's id and private key (a PEM file,
 * read into memory when first needed) sign a short JWT; per repository, godwit looks up the
 * App's installation (`GET /repos/{owner}/{repo}/installation`, or the configured
 * installation id) and works with that installation's client, whose token auth-app mints and
 * renews in memory. Neither the key nor a token is ever written to disk, a log or a report;
 * git receives the token through the per-command auth of git-auth.ts.
 */
import { readFileSync } from 'node:fs';
import { createAppAuth } from '@octokit/auth-app';
import type { GodwitConfig } from '../../config/schema.js';
import { GodwitError } from '../../errors.js';
import { buildGithubClient, githubCall, type GithubClient, type GithubClientOptions } from './client.js';

export interface RepoClient {
  client: GithubClient;
  /** A token for git over HTTPS (installation token or the personal token). Never persisted. */
  token(): Promise<string>;
}

type AppConfig = NonNullable<GodwitConfig['github']['app']>;

function readPrivateKey(app: AppConfig): string {
  let pem: string;
  try {
    pem = readFileSync(app.privateKeyFile, 'utf8');
  } catch (error) {
    throw new GodwitError(
      'github-app-invalid',
      `Cannot read the GitHub App private key file ${app.privateKeyFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      'Set github.app.privateKeyFile (GITHUB_APP_PRIVATE_KEY_FILE) to the .pem file downloaded from the App settings.',
    );
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)) {
    // Say nothing about the content: it may be a secret in the wrong file.
    throw new GodwitError('github-app-invalid', `${app.privateKeyFile} holds no PEM private key`, 'Use the .pem file GitHub generated for the App.');
  }
  return pem;
}

/** Clients per repository installation; one instance per process (caches installations and their clients). */
export class GithubAppAuth {
  private privateKey: string | undefined;
  private appClientInstance: GithubClient | undefined;
  private readonly installations = new Map<string, Promise<number>>();
  private readonly clients = new Map<number, RepoClient>();

  constructor(
    private readonly github: GodwitConfig['github'] & { app: AppConfig },
    private readonly options: GithubClientOptions = {},
  ) {}

  private key(): string {
    this.privateKey ??= readPrivateKey(this.github.app);
    return this.privateKey;
  }

  /** Authenticated as the App itself (JWT): installation lookups only. */
  get appClient(): GithubClient {
    this.appClientInstance ??= buildGithubClient(this.github, this.options, {
      authStrategy: createAppAuth,
      auth: { appId: this.github.app.id, privateKey: this.key() },
    });
    return this.appClientInstance;
  }

  installationId(owner: string, repo: string): Promise<number> {
    if (this.github.app.installationId) return Promise.resolve(this.github.app.installationId);
    const name = `${owner}/${repo}`.toLowerCase();
    let hit = this.installations.get(name);
    if (!hit) {
      hit = githubCall(`${owner}/${repo}`, 'apps.getRepoInstallation', () => this.appClient.rest.apps.getRepoInstallation({ owner, repo }), {
        notFound: 'repo',
      }).then((r) => r.data.id);
      hit.catch(() => this.installations.delete(name));
      this.installations.set(name, hit);
    }
    return hit;
  }

  async forRepo(owner: string, repo: string): Promise<RepoClient> {
    const id = await this.installationId(owner, repo).catch((error: unknown) => {
      if (error instanceof GodwitError && error.code === 'repo-not-found') {
        throw new GodwitError(
          'repo-not-found',
          `The GitHub App ${this.github.app.id} is not installed on ${owner}/${repo} (or cannot see it)`,
          "Install the App on the repository's organisation (docs/github.md, App setup), or leave the repository out.",
          { cause: error },
        );
      }
      throw error;
    });
    let entry = this.clients.get(id);
    if (!entry) {
      const client = buildGithubClient(this.github, this.options, {
        authStrategy: createAppAuth,
        auth: { appId: this.github.app.id, privateKey: this.key(), installationId: id },
      });
      entry = {
        client,
        // auth-app caches the installation token (renewed before it expires); this only reads it.
        token: async () =>
          (await githubCall(`${owner}/${repo}`, 'apps.createInstallationAccessToken', () => client.auth({ type: 'installation' }) as Promise<{ token: string }>)).token,
      };
      this.clients.set(id, entry);
    }
    return entry;
  }
}

export function isAppConfigured(github: GodwitConfig['github']): github is GodwitConfig['github'] & { app: AppConfig } {
  return github.app !== undefined;
}

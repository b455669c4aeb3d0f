/**
 * One schema for godwit's configuration: `godwit.config.(json|yaml|yml|ts)` in the working
 * directory, then environment variables, then CLI flags (later wins). Every field has a default
 * so that `godwit run` works with no configuration at all. Each default is written once, on its
 * field; a section left out is parsed as `{}` (`prefault`), which fills in its fields' defaults.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CI_POLICY_DEFAULTS, PULL_REQUEST_POLICY_DEFAULTS, ciPolicySchema, pullRequestPolicySchema } from './github-policy.js';

export const DEFAULT_WORKDIR = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'godwit');

/** Namespace (and Redis hash tag) of the queue keys when GODWIT_QUEUE_NAMESPACE is not set. */
export const DEFAULT_QUEUE_NAMESPACE = 'godwit';

/** Levels of the service log (pino's, and `silent`). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** USD per one million tokens. */
const priceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict();

const tokenLimitParameterSchema = z.enum(['max_tokens', 'max_completion_tokens', 'none']);

/** Per-model overrides of the llm.* request settings (docs/llm-endpoint.md). */
const modelSettingsSchema = z
  .object({
    /** null: never send a temperature (reasoning models). */
    temperature: z.number().min(0).max(2).nullable().optional(),
    tokenLimitParameter: tokenLimitParameterSchema.optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    contextWindow: z.number().int().positive().optional(),
  })
  .strict();

export const configSchema = z
  .object({
    /** Where clones, caches and local PR records live (GODWIT_WORKDIR). */
    workdir: z.string().min(1).default(DEFAULT_WORKDIR),
    /** Redis for fleet mode (REDIS_URL). */
    redisUrl: z.string().url().optional(),
    llm: z
      .object({
        /** OPENAI_BASE_URL; the SDK's default (api.openai.com) when unset. */
        baseUrl: z.string().url().optional(),
        /** OPENAI_API_KEY. Never logged. */
        apiKey: z.string().optional(),
        /** GODWIT_MODEL. Without it, migrations that need the LLM fail fast. */
        model: z.string().optional(),
        /** Model for the judge; defaults to `model`. */
        judgeModel: z.string().optional(),
        timeoutMs: z.number().int().positive().default(120_000),
        maxRetries: z.number().int().nonnegative().default(4),
        /** Use tool calls (true) or the fenced SEARCH/REPLACE text format (false). */
        tools: z.boolean().default(true),
        prices: z.record(z.string(), priceSchema).default({}),
        /** Sampling temperature sent with each request; null: never sent. */
        temperature: z.number().min(0).max(2).nullable().default(0),
        /** Which request parameter carries the output-token limit ('none': not sent). */
        tokenLimitParameter: tokenLimitParameterSchema.default('max_tokens'),
        maxOutputTokens: z.number().int().positive().default(8192),
        /** Tokens the model accepts per request; when set, the agent shrinks its history to fit before sending. */
        contextWindow: z.number().int().positive().optional(),
        /** Stream answers (SSE); a stream cut mid-answer is retried. */
        stream: z.boolean().default(false),
        /** Per-model overrides, by model name. */
        models: z.record(z.string(), modelSettingsSchema).default({}),
      })
      .strict()
      .prefault({}),
    agent: z
      .object({
        /** Cap on each tool result sent to the model, in bytes. */
        maxToolResultBytes: z.number().int().min(1024).default(64 * 1024),
        /** Summarise old tool results and superseded check results instead of resending them every round. */
        pruneHistory: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    github: z
      .object({
        /** GITHUB_TOKEN. Never logged, never written to .git/config. */
        token: z.string().optional(),
        /** GITHUB_API_URL, for GitHub Enterprise (https://ghe.example.com/api/v3). */
        apiUrl: z.string().url().default('https://api.github.com'),
        /** GitHub App instead of a token (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE); docs/github.md. */
        app: z
          .object({
            id: z.coerce.number().int().positive(),
            /** PEM file of the App's private key. Read when needed; never copied anywhere. */
            privateKeyFile: z.string().min(1),
            /** Skip the per-repository installation lookup (one installation for everything). */
            installationId: z.coerce.number().int().positive().optional(),
          })
          .strict()
          .optional(),
        /** GODWIT_WEBHOOK_SECRET: the secret GitHub signs webhook deliveries with. */
        webhookSecret: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    dashboard: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4700),
        /** GODWIT_DASHBOARD_TOKEN; required when binding beyond loopback. */
        token: z.string().optional(),
      })
      .strict()
      .prefault({}),
    verify: z
      .object({
        /** Per verifier run. The whole process group is killed at the timeout. */
        timeoutMs: z.number().int().positive().default(10 * 60_000),
        /** Output kept per subprocess; the rest is dropped. */
        maxOutputBytes: z.number().int().positive().default(4 * 1024 * 1024),
        /**
         * Runs no typecheck and no test could judge end `unverified` with at most a draft PR;
         * true gives them a ready-for-review PR (for every migration; a migration can opt in alone).
         */
        allowUnverified: z.boolean().default(false),
        /**
         * How long a green baseline is reused for the same repository, commit, lockfile, verifier
         * commands and godwit version (src/verify/baseline-cache.ts); 0 turns the cache off.
         */
        baselineCacheHours: z.number().min(0).default(168),
        /**
         * Verifiers of a job run at once: typecheck and lint are independent and run together;
         * tests run after them, alone. Default (unset): 2 on a machine with 4 or more cores, else 1.
         */
        parallel: z.number().int().min(1).max(8).optional(),
      })
      .strict()
      .prefault({}),
    install: z
      .object({
        /** Run package-manager installs with --ignore-scripts (recommended: repositories are untrusted). */
        ignoreScripts: z.boolean().default(true),
        timeoutMs: z.number().int().positive().default(15 * 60_000),
        /** Registry corepack downloads pnpm/yarn from (the repositories' own .npmrc decides for their packages). */
        registry: z.string().url().default('https://registry.npmjs.org'),
        /** Check npm signatures of the pnpm/yarn tarballs corepack downloads; mirrors often serve none. */
        verifyPackageManagerSignatures: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** The sandbox repository commands run in (docs/security.md). */
    sandbox: z
      .object({
        /**
         * GODWIT_SANDBOX. `bwrap`: every untrusted command runs in bubblewrap, and godwit refuses to
         * run them when it cannot make one (fail closed). `off`: on the host — only for repositories
         * you trust; the RunReport, the PR body and the dashboard say so.
         */
        level: z.enum(['bwrap', 'off']).default('bwrap'),
        /**
         * GODWIT_SANDBOX_TOOLBOX (`:`-separated). Extra host folders commands may read (the
         * "toolbox": a shared node_modules, a toolchain outside /usr). Bound read-only at the same path.
         */
        readOnlyPaths: z.array(z.string().min(1)).default([]),
        /** GODWIT_SANDBOX_MEMORY_MB: writable memory per process (RLIMIT_DATA: heap, buffers, WebAssembly memory in use), in MiB. */
        memoryMb: z.number().int().min(256).default(4096),
        /** GODWIT_SANDBOX_MAX_PROCESSES: processes and threads per command (pids cgroup, else RLIMIT_NPROC). */
        maxProcesses: z.number().int().min(16).default(1024),
        /** GODWIT_SANDBOX_MAX_FILE_MB: largest file a command may write (RLIMIT_FSIZE), in MiB. */
        maxFileSizeMb: z.number().int().min(1).default(1024),
        /**
         * GODWIT_SANDBOX_ALLOW_ENV (comma-separated). Names of godwit's environment variables passed to
         * repository commands beyond PATH, LANG, LC_*, TZ and TERM (which always pass). Everything
         * else (tokens, AWS_*, DATABASE_URL, …) is dropped.
         */
        allowEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        /** Concurrent LLM requests across all workers. */
        llmConcurrency: z.number().int().positive().default(8),
        /** PRs opened per hour across all workers. */
        prsPerHour: z.number().int().positive().default(60),
        /** Open PRs per campaign at once. */
        openPrsPerCampaign: z.number().int().positive().default(500),
      })
      .strict()
      .prefault({}),
    queue: z
      .object({
        /** Seconds a completed job (and its RunReport) is kept. */
        completedRetentionSeconds: z.number().int().positive().default(30 * 24 * 3600),
        attempts: z.number().int().positive().default(3),
        backoffMs: z.number().int().positive().default(30_000),
        /** A job whose worker stopped renewing its lock is taken over after this. */
        stalledIntervalMs: z.number().int().positive().default(30_000),
        lockDurationMs: z.number().int().positive().default(30_000),
        /** GODWIT_QUEUE_NAMESPACE: independent fleets on one Redis; keys live under `{<namespace>}`. */
        namespace: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-" only')
          .default(DEFAULT_QUEUE_NAMESPACE),
      })
      .strict()
      .prefault({}),
    /** Long-running commands (worker, dashboard, demo): shutdown, logging, metrics. */
    service: z
      .object({
        /**
         * After SIGTERM/SIGINT: stop taking work, finish what runs, exit at the latest after this
         * (GODWIT_SHUTDOWN_TIMEOUT_MS). Jobs still running then are taken over by another worker.
         */
        shutdownTimeoutMs: z.number().int().positive().default(10_000),
        /** GODWIT_LOG_LEVEL: the service log's level (`--log-level` wins). */
        logLevel: z.enum(LOG_LEVELS).default('info'),
        /** GODWIT_METRICS_PORT: `godwit worker` serves Prometheus metrics on this port (`--metrics-port` wins); unset: off. */
        metricsPort: z.number().int().min(1).max(65_535).optional(),
        /** GODWIT_METRICS_HOST: the address the metrics port binds to (`--metrics-host` wins). */
        metricsHost: z.string().min(1).default('127.0.0.1'),
      })
      .strict()
      .prefault({}),
    /** GODWIT_DEBUG: print the stack of an internal error. */
    debug: z.boolean().default(false),
    /** After the PR: reviewers, draft, rebase, commands, merging (docs/github.md). */
    pullRequests: pullRequestPolicySchema.default(PULL_REQUEST_POLICY_DEFAULTS),
    /** The CI feedback loop on godwit's PRs (docs/github.md). */
    ci: ciPolicySchema.default(CI_POLICY_DEFAULTS),
  })
  .strict();

export type GodwitConfig = z.output<typeof configSchema>;
export type GodwitConfigInput = z.input<typeof configSchema>;

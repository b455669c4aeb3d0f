/**
 * The one map from environment variables to config keys (docs/configuration.md lists the same
 * table). `loadConfig` layers it between the config file and the CLI flags; the few places that
 * need a setting before any config is loaded (the CLI's error printer) read it from here too.
 * Imports nothing, so it is cheap to load.
 */

type Parse = (value: string) => unknown;

/** A number; anything else is passed on as is, so that the schema names the variable's key. */
const int: Parse = (value) => (Number.isNaN(Number(value)) ? value : Number(value));

/** `1`/`true`/`yes`/`on` and `0`/`false`/`no`/`off`; anything else is passed on for the schema to name. */
const flag: Parse = (value) => {
  const v = value.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

/** A list split on `separator`, empty entries dropped. */
const list =
  (separator: string): Parse =>
  (value) =>
    value
      .split(separator)
      .map((v) => v.trim())
      .filter(Boolean);

export const ENV_KEYS: ReadonlyArray<{ env: string; key: string; parse?: Parse }> = [
  { env: 'GODWIT_WORKDIR', key: 'workdir' },
  { env: 'REDIS_URL', key: 'redisUrl' },
  { env: 'OPENAI_BASE_URL', key: 'llm.baseUrl' },
  { env: 'OPENAI_API_KEY', key: 'llm.apiKey' },
  { env: 'GODWIT_MODEL', key: 'llm.model' },
  { env: 'GITHUB_TOKEN', key: 'github.token' },
  { env: 'GITHUB_API_URL', key: 'github.apiUrl' },
  { env: 'GITHUB_APP_ID', key: 'github.app.id', parse: int },
  { env: 'GITHUB_APP_PRIVATE_KEY_FILE', key: 'github.app.privateKeyFile' },
  { env: 'GITHUB_APP_INSTALLATION_ID', key: 'github.app.installationId', parse: int },
  { env: 'GODWIT_WEBHOOK_SECRET', key: 'github.webhookSecret' },
  { env: 'GODWIT_DASHBOARD_TOKEN', key: 'dashboard.token' },
  { env: 'GODWIT_SHUTDOWN_TIMEOUT_MS', key: 'service.shutdownTimeoutMs', parse: int },
  { env: 'GODWIT_LOG_LEVEL', key: 'service.logLevel' },
  { env: 'GODWIT_METRICS_PORT', key: 'service.metricsPort', parse: int },
  { env: 'GODWIT_METRICS_HOST', key: 'service.metricsHost' },
  { env: 'GODWIT_QUEUE_NAMESPACE', key: 'queue.namespace' },
  { env: 'GODWIT_DEBUG', key: 'debug', parse: flag },
  { env: 'GODWIT_BASELINE_CACHE_HOURS', key: 'verify.baselineCacheHours', parse: int },
  { env: 'GODWIT_VERIFY_PARALLEL', key: 'verify.parallel', parse: int },
  { env: 'GODWIT_SANDBOX', key: 'sandbox.level' },
  { env: 'GODWIT_SANDBOX_TOOLBOX', key: 'sandbox.readOnlyPaths', parse: list(':') },
  { env: 'GODWIT_SANDBOX_MEMORY_MB', key: 'sandbox.memoryMb', parse: int },
  { env: 'GODWIT_SANDBOX_MAX_PROCESSES', key: 'sandbox.maxProcesses', parse: int },
  { env: 'GODWIT_SANDBOX_MAX_FILE_MB', key: 'sandbox.maxFileSizeMb', parse: int },
  { env: 'GODWIT_SANDBOX_ALLOW_ENV', key: 'sandbox.allowEnv', parse: list(',') },
];

/** The config keys set by the environment, nested (`{ llm: { model } }`). Empty values count as unset. */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { env: name, key, parse } of ENV_KEYS) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = parse ? parse(raw) : raw;
  }
  return out;
}

/** The environment variable that sets a config key (`llm.model` → `GODWIT_MODEL`), if any. */
export function envNameFor(key: string): string | undefined {
  return ENV_KEYS.find((e) => e.key === key)?.env;
}

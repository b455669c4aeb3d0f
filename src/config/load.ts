import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { GodwitError, formatZodIssues } from '../errors.js';
import { configFromEnv, envNameFor } from './env.js';
import { importUserModule } from './import-user-module.js';
import { configSchema, type GodwitConfig, type GodwitConfigInput } from './schema.js';

const CONFIG_FILES = ['godwit.config.ts', 'godwit.config.json', 'godwit.config.yaml', 'godwit.config.yml'];

export interface LoadConfigOptions {
  /** Directory searched for godwit.config.*; default process.cwd(). */
  cwd?: string;
  /** Explicit config file (--config). */
  file?: string | undefined;
  /** Environment; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags; they win over file and env. */
  overrides?: DeepPartial<GodwitConfigInput>;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

async function readConfigFile(file: string): Promise<unknown> {
  try {
    if (file.endsWith('.ts')) {
      const mod = (await importUserModule(file)) as { default?: unknown };
      return mod.default ?? {};
    }
    const text = readFileSync(file, 'utf8');
    return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new GodwitError(
      'config-invalid',
      `Cannot read ${file}: ${(error as Error).message}`,
      'Fix the syntax of the config file, or remove it to use defaults.',
    );
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function prune(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (isPlainObject(v)) {
      const inner = prune(v);
      if (Object.keys(inner).length) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

/** Loads and validates configuration once. Errors name the key and how to fix it. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<GodwitConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  let fromFile: unknown = {};
  let source = 'defaults';
  const file = options.file ? path.resolve(cwd, options.file) : CONFIG_FILES.map((f) => path.join(cwd, f)).find(existsSync);
  if (options.file && !existsSync(file!)) {
    throw new GodwitError('config-invalid', `Config file not found: ${file}`, 'Check the --config path.');
  }
  if (file) {
    fromFile = await readConfigFile(file);
    source = file;
  }
  if (!isPlainObject(fromFile)) {
    throw new GodwitError('config-invalid', `${source} must contain an object`, 'See docs/configuration.md.');
  }
  const merged = merge(merge(fromFile, configFromEnv(env)), prune((options.overrides ?? {}) as Record<string, unknown>));
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const keys = parsed.error.issues.map((i) => i.path.join('.'));
    const envHints = keys.filter((k) => envNameFor(k)).map((k) => `${k} can come from ${envNameFor(k)}`);
    throw new GodwitError(
      'config-invalid',
      `Invalid configuration (${source} + environment):\n${formatZodIssues(parsed.error.issues)}`,
      ['Fix the keys named above; see docs/configuration.md for every key and its default.', ...envHints].join(' '),
    );
  }
  return parsed.data;
}

/**
 * The baseline cache: the verifier results of an untouched base commit, reused by retries,
 * re-runs and other migrations on the same commit instead of running the verifiers again.
 *
 * An entry is found only by a key that covers everything the results depend on: the repository,
 * the base commit, the hash of its lockfile, the verifier commands (tool, binary, arguments,
 * environment, `pre*` steps), the binary of a tool outside the clone (path, size, mtime), whether
 * and how dependencies were installed, the run limits and the sandbox settings, and the godwit and
 * Node versions. Any change is a new key, so a stale entry is never read.
 *
 * Only fully green baselines are stored (every verifier `pass` or `skipped`): a red, timed-out or
 * errored baseline may be flaky, and a retry must be able to run it again. An install without a
 * lockfile is not cached (its dependency versions may move between runs).
 *
 * Entries live under `<workdir>/baseline-cache/`, outside every folder the sandbox binds (only
 * the clone, a verifier's report folder and the package cache are ever mounted), so repository
 * code cannot write them. They are written to a temporary file and renamed (atomic: concurrent
 * workers on the same commit just write the same entry twice), read back through zod, and
 * expire after `maxAgeMs`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { verifierResultSchema } from '../report/run-report.js';
import type { Verifier } from './detect.js';
import type { VerifierRun } from './test-cases.js';

const FORMAT = 1;

/** Lockfiles whose bytes decide what an install puts into node_modules. */
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'bun.lock'];

export interface BaselineKeyInput {
  /** Where the repository comes from (its clone URL or path). */
  repository: string;
  baseCommit: string;
  /** The clone (lockfile, and which tool binaries belong to it). */
  dir: string;
  verifiers: ReadonlyArray<Verifier>;
  /** The install that ran before the baseline (undefined: none). */
  install?: { packageManager: string; command: string } | undefined;
  /** Run limits and sandbox settings: they can change a result. */
  settings: Record<string, unknown>;
  godwitVersion: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function lockfileHash(dir: string): string | undefined {
  const hash = createHash('sha256');
  let found = false;
  for (const name of LOCKFILES) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    found = true;
    hash.update(`${name}\0`).update(readFileSync(file)).update('\0');
  }
  return found ? hash.digest('hex') : undefined;
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A tool binary outside the clone (a toolbox, a shared node_modules): which file it is now. */
function binaryIdentity(bin: string, dir: string): string {
  if (!path.isAbsolute(bin) || isInside(bin, dir)) return bin;
  try {
    const real = realpathSync(bin);
    const st = statSync(real);
    return `${bin} -> ${real} ${st.size} ${st.mtimeMs}`;
  } catch {
    return `${bin} (missing)`;
  }
}

/**
 * The cache key of a baseline, or undefined when the baseline must not be cached (an install
 * without a lockfile).
 */
export function baselineCacheKey(input: BaselineKeyInput): string | undefined {
  const lock = lockfileHash(input.dir);
  if (input.install && !lock) return undefined;
  const verifiers = input.verifiers.map((v) => ({
    kind: v.kind,
    tool: v.tool,
    label: v.label,
    bin: binaryIdentity(v.bin, input.dir),
    args: v.args,
    env: v.env ?? {},
    before: (v.before ?? []).map((b) => ({ label: b.label, bin: binaryIdentity(b.bin, input.dir), args: b.args })),
  }));
  return sha256(
    JSON.stringify({
      format: FORMAT,
      repository: input.repository,
      baseCommit: input.baseCommit,
      lockfile: lock ?? null,
      verifiers,
      install: input.install ?? null,
      settings: input.settings,
      godwit: input.godwitVersion,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    }),
  );
}

const testCaseSchema = z.object({ file: z.string(), name: z.string(), status: z.enum(['passed', 'failed', 'skipped', 'todo']) });
const entrySchema = z.object({
  format: z.literal(FORMAT),
  key: z.string(),
  createdAt: z.string(),
  results: z.array(verifierResultSchema.extend({ cases: z.array(testCaseSchema).optional() })),
});

export interface BaselineCache {
  /** The results stored under `key`, marked `cached`, or undefined (none, expired, unreadable). */
  get(key: string): VerifierRun[] | undefined;
  /** Stores a green baseline under `key`; false when it is not cacheable (not every verifier passed). */
  set(key: string, results: ReadonlyArray<VerifierRun>): boolean;
}

/** Only a baseline on which every verifier passed (or was skipped) is reused. */
export function isCacheable(results: ReadonlyArray<VerifierRun>): boolean {
  return results.length > 0 && results.every((r) => r.status === 'pass' || r.status === 'skipped');
}

export function baselineCacheDir(workdir: string): string {
  return path.join(path.resolve(workdir), 'baseline-cache');
}

export function openBaselineCache(workdir: string, maxAgeMs: number): BaselineCache {
  const root = baselineCacheDir(workdir);
  const fileOf = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a baseline cache key: ${key}`);
    return path.join(root, key.slice(0, 2), `${key}.json`);
  };
  return {
    get(key) {
      const file = fileOf(key);
      let raw: string;
      try {
        raw = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      const parsed = entrySchema.safeParse((() => {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return undefined;
        }
      })());
      if (!parsed.success || parsed.data.key !== key || Date.now() - Date.parse(parsed.data.createdAt) > maxAgeMs || !isCacheable(parsed.data.results)) {
        rmSync(file, { force: true });
        return undefined;
      }
      return parsed.data.results.map((r) => ({ ...r, cached: true }));
    },
    set(key, results) {
      if (!isCacheable(results)) return false;
      const file = fileOf(key);
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const entry = { format: FORMAT, key, createdAt: new Date().toISOString(), results: results.map(({ cached: _cached, ...r }) => r) };
      const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
      renameSync(tmp, file);
      return true;
    },
  };
}

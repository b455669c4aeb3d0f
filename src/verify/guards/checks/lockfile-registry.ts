import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GuardFinding } from '../../../report/run-report.js';
import type { Guard, GuardInput } from '../types.js';
import { baseText } from '../base-reads.js';

const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/;
const DEFAULT_REGISTRIES = ['https://registry.npmjs.org/', 'https://registry.yarnpkg.com/', 'https://registry.npmmirror.com/'];

/** Where each entry of a lockfile resolves from: tarball URLs, git/file/link specs. */
export function lockfileSources(file: string, text: string): string[] {
  if (/(?:package-lock|npm-shrinkwrap)\.json$/.test(file)) {
    try {
      const json = JSON.parse(text) as { packages?: Record<string, { resolved?: unknown; link?: unknown }>; dependencies?: Record<string, unknown> };
      const out: string[] = [];
      for (const entry of Object.values(json.packages ?? {})) if (typeof entry.resolved === 'string') out.push(entry.resolved);
      // lockfileVersion 1: nested `dependencies` with `resolved`.
      const walk = (deps: Record<string, unknown> | undefined): void => {
        for (const d of Object.values(deps ?? {})) {
          const dep = d as { resolved?: unknown; dependencies?: Record<string, unknown> };
          if (typeof dep.resolved === 'string') out.push(dep.resolved);
          walk(dep.dependencies);
        }
      };
      walk(json.dependencies);
      return out;
    } catch {
      return ['(unparseable lockfile)'];
    }
  }
  if (file.endsWith('yarn.lock')) {
    const v1 = [...text.matchAll(/^\s+resolved\s+"?([^"\s]+)"?/gm)].map((m) => m[1]!);
    // Yarn berry: `resolution: "name@protocol:…"`; npm: and workspace: are the registry and the repository.
    const berry = [...text.matchAll(/^\s+resolution:\s+"?(.+?)"?\s*$/gm)]
      .map((m) => m[1]!.replace(/^@?[^@]+@/, ''))
      .filter((spec) => !/^(?:npm|workspace|patch):/.test(spec) || /^patch:.*(?:https?|git|file):/.test(spec));
    return [...v1, ...berry];
  }
  // pnpm-lock.yaml: registry packages carry only an integrity; others a tarball, repo or directory.
  return [...text.matchAll(/\b(?:tarball|repo|directory):\s*['"]?([^,'"}\s]+)/g)].map((m) => m[1]!);
}

/** The files (at the root) that configure the registry; read by configuredRegistries. */
const REGISTRY_CONFIGS = ['.npmrc', '.yarnrc.yml', '.yarnrc'] as const;

/** Registries the repository is configured for at its base commit, plus the public ones. */
async function configuredRegistries(input: GuardInput): Promise<string[]> {
  const out = [...DEFAULT_REGISTRIES];
  const npmrc = (await baseText(input, '.npmrc')) ?? '';
  for (const m of npmrc.matchAll(/^\s*(?:@[^:\s]+:)?registry\s*=\s*(\S+)/gm)) out.push(m[1]!);
  const yarnrc = (await baseText(input, '.yarnrc.yml')) ?? '';
  for (const m of yarnrc.matchAll(/npmRegistryServer:\s*['"]?([^'"\s]+)/g)) out.push(m[1]!);
  const yarnrc1 = (await baseText(input, '.yarnrc')) ?? '';
  for (const m of yarnrc1.matchAll(/^\s*registry\s+['"]?([^'"\s]+)/gm)) out.push(m[1]!);
  const env = process.env.npm_config_registry ?? process.env.NPM_CONFIG_REGISTRY;
  if (env) out.push(env);
  return out.map((r) => (r.endsWith('/') ? r : `${r}/`));
}

/** A path inside the repository (npm writes workspace and `file:` links to in-repo folders so): its code is in the diff. */
function inRepository(source: string): boolean {
  const p = source.replace(/^(?:file|link|portal):/, '');
  return !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.startsWith('/') && !p.split('/').includes('..') && !p.startsWith('~');
}

function fromRegistry(source: string, registries: ReadonlyArray<string>): boolean {
  return /^https?:\/\//.test(source) && registries.some((r) => source.startsWith(r) || source.replace(/^http:/, 'https:').startsWith(r));
}

export const lockfileRegistry: Guard = {
  name: 'lockfile-registry',
  description:
    'Lockfile entries resolved from outside the configured registry (other hosts, git sources, files or links outside the repository) that the base lockfile did not have.',
  readsAtBase: () => [...REGISTRY_CONFIGS],
  async check(input) {
    const { dir, changedFiles } = input;
    const findings: GuardFinding[] = [];
    const lockfiles = changedFiles.filter((f) => LOCKFILE.test(f.path) && !f.path.includes('node_modules/') && f.status !== 'deleted');
    if (!lockfiles.length) return findings;
    const registries = await configuredRegistries(input);
    for (const f of lockfiles) {
      const before = new Set(lockfileSources(f.path, (await baseText(input, f.path)) ?? ''));
      let after: string[];
      try {
        after = lockfileSources(f.path, readFileSync(path.join(dir, f.path), 'utf8'));
      } catch {
        continue;
      }
      // An origin the base lockfile already used is part of the repository's configuration.
      const knownOrigins = new Set([...before].filter((s) => /^https?:\/\//.test(s)).map((s) => new URL(s).origin));
      const foreign = [...new Set(after)].filter(
        (s) => !before.has(s) && !fromRegistry(s, registries) && !inRepository(s) && !(/^https?:\/\//.test(s) && knownOrigins.has(new URL(s).origin)),
      );
      for (const source of foreign.slice(0, 10)) {
        findings.push({ guard: 'lockfile-registry', severity: 'block', message: `${f.path}: new entry resolved from ${source}, outside the configured registry (${registries[0]})`, file: f.path });
      }
      if (foreign.length > 10) findings.push({ guard: 'lockfile-registry', severity: 'block', message: `${f.path}: ${foreign.length - 10} more entries from outside the configured registry`, file: f.path });
    }
    return findings;
  },
};

/**
 * Evaluates a migration's `appliesTo` against a repository snapshot. Every field that is set
 * must hold; the first one that does not gives the `not-applicable` reason.
 */
import semver from 'semver';
import type { Applicability, MigrationDefinition, RepoSnapshot } from './definition.js';

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const SOURCE_GLOBS = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

function declaredVersion(pkg: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const field of DEP_FIELDS) {
    const deps = pkg?.[field];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') {
      return (deps as Record<string, string>)[name];
    }
  }
  return undefined;
}

/** True when the declared range can resolve to a version in the wanted range. */
export function rangeMatches(declared: string, wanted: string): boolean {
  if (!semver.validRange(declared)) return false; // git URLs, workspace:, file: …
  try {
    return semver.intersects(declared, wanted, { includePrerelease: true });
  } catch {
    return false;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A cheap textual search for imports/requires of `module` (or a subpath of it). */
export function importPattern(modules: ReadonlyArray<string>): RegExp {
  const alt = modules.map(escapeRegExp).join('|');
  return new RegExp(`(?:from\\s*|import\\s*\\(?\\s*|require\\s*\\(\\s*)['"](?:${alt})(?:/[^'"]*)?['"]`);
}

/** engines.node of the package, or undefined. */
export function enginesNode(pkg: Record<string, unknown> | undefined): string | undefined {
  const engines = pkg?.engines;
  if (engines && typeof engines === 'object' && typeof (engines as Record<string, unknown>).node === 'string') {
    return (engines as Record<string, string>).node;
  }
  return undefined;
}

export async function evaluateApplicability(definition: MigrationDefinition, repo: RepoSnapshot): Promise<Applicability> {
  const a = definition.appliesTo;
  const reasons: string[] = [];
  if (a.dependencies) {
    for (const [name, wanted] of Object.entries(a.dependencies)) {
      const declared = declaredVersion(repo.packageJson, name);
      if (declared === undefined) return { applies: false, reason: `package.json does not depend on ${name}` };
      if (!rangeMatches(declared, wanted)) return { applies: false, reason: `${name}@${declared} is outside ${wanted}` };
      reasons.push(`${name}@${declared} matches ${wanted}`);
    }
  }
  if (a.nodeEngines) {
    const engines = enginesNode(repo.packageJson);
    if (engines !== undefined) {
      const valid = semver.validRange(engines);
      if (!valid || !semver.subset(valid, a.nodeEngines, { includePrerelease: false })) {
        return { applies: false, reason: `engines.node "${engines}" allows Node versions outside ${a.nodeEngines}` };
      }
      reasons.push(`engines.node "${engines}" is within ${a.nodeEngines}`);
    }
  }
  if (a.files) {
    const matched = await repo.listFiles(a.files);
    if (matched.length === 0) return { applies: false, reason: `no file matches ${a.files.join(', ')}` };
    reasons.push(`${matched.length} file(s) match ${a.files.join(', ')}`);
  }
  if (a.imports) {
    const pattern = importPattern(a.imports);
    const sources = await repo.listFiles(SOURCE_GLOBS);
    let found: string | undefined;
    for (const file of sources) {
      if (pattern.test(await repo.readFile(file))) {
        found = file;
        break;
      }
    }
    if (!found) return { applies: false, reason: `no source file imports ${a.imports.join(', ')}` };
    reasons.push(`${found} imports ${a.imports.join(', ')}`);
  }
  if (a.check) {
    const result = await a.check(repo);
    if (!result.applies) return result;
    reasons.push(result.reason);
  }
  return { applies: true, reason: reasons.length ? reasons.join('; ') : 'no preconditions' };
}

/**
 * Evaluates a migration's `appliesTo` against a repository snapshot: every declared condition
 * must hold (dependencies, imports, files, nodeEngines), then the `check` function decides.
 */
import semver from 'semver';
import type { Applicability, MigrationDefinition, RepoSnapshot } from '../catalog/definition.js';

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const SOURCE_GLOB = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

function declaredRange(pkg: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const field of DEP_FIELDS) {
    const deps = pkg?.[field];
    if (deps && typeof deps === 'object' && name in deps) {
      const v = (deps as Record<string, unknown>)[name];
      if (typeof v === 'string') return v;
    }
  }
  return undefined;
}

/** True when the declared range (e.g. "^29.7.0") can satisfy the wanted range (e.g. ">=27"). */
function rangeSatisfies(declared: string, wanted: string): boolean {
  const min = semver.minVersion(declared);
  if (min) return semver.satisfies(min, wanted) || semver.intersects(declared, wanted);
  // Tags, git URLs, workspace: protocols — not a version we can judge; count it as present.
  return true;
}

function importsModule(text: string, modules: readonly string[]): boolean {
  return modules.some((m) => {
    const q = m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?:from\\s*|import\\s*\\(\\s*|require\\s*\\(\\s*|import\\s+)['"]${q}(?:/[^'"]*)?['"]`);
    return re.test(text);
  });
}

export async function checkApplicability(def: MigrationDefinition, repo: RepoSnapshot): Promise<Applicability> {
  const when = def.appliesTo;
  for (const [name, range] of Object.entries(when.dependencies ?? {})) {
    const declared = declaredRange(repo.packageJson, name);
    if (declared === undefined) return { applies: false, reason: `package.json does not depend on ${name}` };
    if (!rangeSatisfies(declared, range)) {
      return { applies: false, reason: `${name}@${declared} is outside ${range}` };
    }
  }
  if (when.nodeEngines) {
    const engines = repo.packageJson?.engines as Record<string, unknown> | undefined;
    const node = typeof engines?.node === 'string' ? engines.node : undefined;
    if (node && !semver.subset(node, when.nodeEngines)) {
      return { applies: false, reason: `engines.node "${node}" allows versions outside ${when.nodeEngines}` };
    }
  }
  if (when.files?.length) {
    const files = await repo.listFiles(when.files);
    if (files.length === 0) return { applies: false, reason: `no file matches ${when.files.join(', ')}` };
  }
  if (when.imports?.length) {
    let found = false;
    for (const file of await repo.listFiles(SOURCE_GLOB)) {
      if (importsModule(await repo.readFile(file), when.imports)) {
        found = true;
        break;
      }
    }
    if (!found) return { applies: false, reason: `no source file imports ${when.imports.join(', ')}` };
  }
  if (when.check) return when.check(repo);
  return { applies: true, reason: 'all preconditions hold' };
}

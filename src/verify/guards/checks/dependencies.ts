import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import type { GuardFinding } from '../../../report/run-report.js';
import { allowanceOf } from '../protected.js';
import type { Guard } from '../types.js';
import { baseText } from '../base-reads.js';

const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function deps(text: string | undefined): Map<string, string> | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out = new Map<string, string>();
  for (const field of FIELDS) {
    const section = (json as Record<string, unknown>)[field];
    if (typeof section !== 'object' || section === null) continue;
    for (const [name, range] of Object.entries(section)) if (typeof range === 'string' && !out.has(name)) out.set(name, range);
  }
  return out;
}

/** Which dependency field each name is in. */
function fieldsOf(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const json = JSON.parse(text ?? '{}') as Record<string, unknown>;
    for (const field of FIELDS) {
      const section = json[field];
      if (typeof section === 'object' && section !== null) for (const name of Object.keys(section)) if (!out.has(name)) out.set(name, field);
    }
  } catch {
    /* unparseable: reported as removals */
  }
  return out;
}

function minVersion(range: string): semver.SemVer | undefined {
  try {
    return semver.minVersion(range) ?? undefined;
  } catch {
    return undefined;
  }
}

export const dependencies: Guard = {
  name: 'dependencies',
  description: "Dependencies added, removed or downgraded outside the migration's declared package changes.",
  async check(input) {
    const { dir, changedFiles, migration } = input;
    const declared = migration.packages;
    const mayRemove = new Set(declared.remove);
    const mayChange = new Set([...Object.keys(declared.upgrade), ...Object.keys(declared.add), ...Object.keys(declared.addDev)]);
    const allow = allowanceOf(migration);
    const findings: GuardFinding[] = [];
    for (const f of changedFiles) {
      if (!/(?:^|\/)package\.json$/.test(f.path) || f.path.includes('node_modules/')) continue;
      const before = f.status === 'added' ? new Map<string, string>() : deps(await baseText(input, f.path));
      if (!before) continue;
      let afterText: string | undefined;
      try {
        afterText = f.status === 'deleted' ? '{}' : readFileSync(path.join(dir, f.path), 'utf8');
      } catch {
        afterText = '{}';
      }
      const after = deps(afterText) ?? new Map<string, string>();
      const afterFields = fieldsOf(afterText);
      for (const [name, range] of after) {
        if (before.has(name) || mayChange.has(name)) continue;
        const field = afterFields.get(name) ?? 'dependencies';
        if (allow.packageKey(`${field}.${name}`)) continue;
        findings.push({
          guard: 'dependencies',
          severity: 'block',
          message: `${name}@${range} was added to ${f.path} (${field}) but the migration does not declare adding it (packages.add/addDev, or scope.allowProtected: package.json#${field}.${name})`,
          file: f.path,
        });
      }
      for (const [name, oldRange] of before) {
        const newRange = after.get(name);
        if (newRange === undefined) {
          if (!mayRemove.has(name)) {
            findings.push({ guard: 'dependencies', severity: 'block', message: `${name} was removed from ${f.path} but the migration does not declare removing it`, file: f.path });
          }
          continue;
        }
        if (mayChange.has(name) || newRange === oldRange) continue;
        const a = minVersion(oldRange);
        const b = minVersion(newRange);
        if (a && b && semver.lt(b, a)) {
          findings.push({ guard: 'dependencies', severity: 'block', message: `${name} was downgraded in ${f.path} (${oldRange} → ${newRange})`, file: f.path });
        }
      }
    }
    return findings;
  },
};

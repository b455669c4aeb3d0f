/** Applies a migration's declared package changes to package.json (keeping its formatting style). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationDefinition } from '../catalog/definition.js';
import { GodwitError } from '../errors.js';

export type PackageChanges = MigrationDefinition['packages'];

export interface AppliedPackageChanges {
  added: Record<string, string>;
  removed: string[];
  upgraded: Record<string, string>;
}

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export function hasPackageChanges(changes: PackageChanges): boolean {
  return Object.keys(changes.add).length + Object.keys(changes.addDev).length + changes.remove.length + Object.keys(changes.upgrade).length > 0;
}

/** Edits package.json; returns what actually changed (empty when it already matched). */
export function applyPackageChanges(dir: string, changes: PackageChanges): AppliedPackageChanges {
  const file = path.join(dir, 'package.json');
  const applied: AppliedPackageChanges = { added: {}, removed: [], upgraded: {} };
  if (!hasPackageChanges(changes)) return applied;
  if (!existsSync(file)) {
    throw new GodwitError('migration-invalid', 'The migration changes packages but the repository has no package.json', 'Limit the migration with appliesTo.files: ["package.json"].');
  }
  const text = readFileSync(file, 'utf8');
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  const set = (field: 'dependencies' | 'devDependencies', name: string, range: string): void => {
    const deps = (pkg[field] ??= {});
    if (deps[name] !== range) {
      deps[name] = range;
      applied.added[name] = range;
    }
  };
  for (const [name, range] of Object.entries(changes.add)) set('dependencies', name, range);
  for (const [name, range] of Object.entries(changes.addDev)) set('devDependencies', name, range);
  for (const name of changes.remove) {
    for (const field of DEP_FIELDS) {
      if (pkg[field]?.[name] !== undefined) {
        delete pkg[field]![name];
        if (!applied.removed.includes(name)) applied.removed.push(name);
      }
    }
  }
  for (const [name, range] of Object.entries(changes.upgrade)) {
    for (const field of DEP_FIELDS) {
      if (pkg[field]?.[name] !== undefined && pkg[field]![name] !== range) {
        pkg[field]![name] = range;
        applied.upgraded[name] = range;
      }
    }
  }
  const changed = Object.keys(applied.added).length + applied.removed.length + Object.keys(applied.upgraded).length > 0;
  if (changed) writeFileSync(file, `${JSON.stringify(pkg, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
  return applied;
}

/** `add vitest@^3.2.0 (dev); remove jest; upgrade @types/node to ^16.18.0`. */
export function describePackageChanges(changes: PackageChanges): string {
  const parts = [
    ...Object.entries(changes.add).map(([n, r]) => `add ${n}@${r}`),
    ...Object.entries(changes.addDev).map(([n, r]) => `add ${n}@${r} (dev)`),
    ...changes.remove.map((n) => `remove ${n}`),
    ...Object.entries(changes.upgrade).map(([n, r]) => `upgrade ${n} to ${r}`),
  ];
  return parts.length ? parts.join('; ') : 'none';
}

/**
 * Applies a migration's `packages` to package.json the way the pipeline does before install:
 * remove → upgrade (only present ones) → add/addDev; dependency maps kept sorted like npm does.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationDefinition } from '../catalog/definition.js';

type Deps = Record<string, string>;
const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

const sorted = (deps: Deps): Deps => Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));

/** Returns true when package.json changed. */
export function applyPackageChanges(dir: string, changes: MigrationDefinition['packages']): boolean {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return false;
  const before = readFileSync(file, 'utf8');
  const pkg = JSON.parse(before) as Record<string, unknown>;
  const touched = new Set<string>();
  const field = (name: string): Deps => {
    touched.add(name);
    pkg[name] ??= {};
    return pkg[name] as Deps;
  };
  for (const name of changes.remove) {
    for (const f of FIELDS) {
      const deps = pkg[f] as Deps | undefined;
      if (deps && name in deps) {
        delete deps[name];
        touched.add(f);
      }
    }
  }
  for (const [name, range] of Object.entries(changes.upgrade)) {
    for (const f of FIELDS) {
      const deps = pkg[f] as Deps | undefined;
      if (deps && name in deps) field(f)[name] = range;
    }
  }
  const present = (name: string): boolean => FIELDS.some((f) => Boolean((pkg[f] as Deps | undefined)?.[name]));
  for (const [name, range] of Object.entries(changes.add)) if (!present(name)) field('dependencies')[name] = range;
  for (const [name, range] of Object.entries(changes.addDev)) if (!present(name)) field('devDependencies')[name] = range;
  for (const f of touched) {
    const deps = pkg[f] as Deps | undefined;
    if (!deps) continue;
    if (Object.keys(deps).length === 0) delete pkg[f];
    else pkg[f] = sorted(deps);
  }
  const after = `${JSON.stringify(pkg, null, 2)}\n`;
  if (after === before || JSON.stringify(JSON.parse(before)) === JSON.stringify(pkg)) return false;
  writeFileSync(file, after);
  return true;
}

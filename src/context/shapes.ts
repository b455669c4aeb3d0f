/**
 * What a module specifier stands for, as far as the target is concerned: the target module
 * itself, or a barrel file of the repository that re-exports (some of) its bindings.
 */

/** One thing a binding can refer to: an export of a target module, or its whole namespace. */
export interface Ref {
  module: string;
  /** Exported name, `default`, or `*` for the module namespace (also `const m = require('m')`). */
  name: string;
}

export interface Shape {
  /** Absolute path of the barrel file; undefined for a target module. */
  file?: string;
  /** Set for target modules: every name resolves to an export of it. */
  module?: string;
  /** Barrels: exported name → what it re-exports. */
  exports: Map<string, Ref>;
  /** Barrels: `export * from …` of a target module or another barrel. */
  stars: Shape[];
  /** Barrels: names the file declares itself (they win over `export *`). */
  own: Set<string>;
}

export function moduleShape(module: string): Shape {
  return { module, exports: new Map(), stars: [], own: new Set() };
}

/** Resolves `import { name } from <shape>`; undefined when the name is not from a target. */
export function lookup(shape: Shape, name: string, depth = 0): Ref | undefined {
  if (shape.module !== undefined) return { module: shape.module, name };
  const direct = shape.exports.get(name);
  if (direct) return direct;
  if (name === 'default' || shape.own.has(name) || depth > 16) return undefined;
  for (const star of shape.stars) {
    const found = lookup(star, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A stable description, to detect when the barrel fixpoint stops changing. */
export function shapeKey(shape: Shape): string {
  const exports = [...shape.exports].map(([k, v]) => `${k}=${v.module}:${v.name}`).sort();
  const stars = shape.stars.map((s) => s.file ?? `module:${s.module}`).sort();
  return `${exports.join(',')}|${stars.join(',')}`;
}

/** Matches a specifier against the target modules (`moment` also matches `moment/locale/fr`). */
export function matchModule(specifier: string, modules: readonly string[]): string | undefined {
  return modules.find((m) => specifier === m || specifier.startsWith(`${m}/`));
}

/** Whether a reference to `ref` is wanted under the `names` filter (empty = all names). */
export function refWanted(ref: Ref, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return true;
  if (ref.name === '*') return names.has('default');
  return names.has(ref.name);
}

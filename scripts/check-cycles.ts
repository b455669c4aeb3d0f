/**
 * Fails when src/ has an import cycle. Follows relative imports (static, `export … from`,
 * and `import()`); prints each cycle found.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'src');

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listTs(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*import\s+type\s[^;]*;/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    out.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

const files = listTs(root);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((d) => graph0(d))]));
function graph0(f: string): boolean {
  return files.includes(f);
}

const cycles: string[][] = [];
const state = new Map<string, 'visiting' | 'done'>();
function visit(node: string, stack: string[]): void {
  state.set(node, 'visiting');
  for (const dep of graph.get(node) ?? []) {
    if (state.get(dep) === 'visiting') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
    else if (!state.has(dep)) visit(dep, [...stack, dep]);
  }
  state.set(node, 'done');
}
for (const f of files) if (!state.has(f)) visit(f, [f]);

if (cycles.length) {
  for (const c of cycles) console.error(`cycle: ${c.map((f) => path.relative(root, f)).join(' -> ')}`);
  process.exit(1);
}
console.log(`no import cycles in ${files.length} files`);

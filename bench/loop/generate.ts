/**
 * Generates a TypeScript repository of `count` files for the loop benchmark: each module
 * exports an interface, a class and functions, and imports two earlier modules, so that
 * files have real dependents (like an application's import graph).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function generateRepo(dir: string, count: number): void {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] }, null, 2),
  );
  for (let i = 0; i < count; i++) {
    const deps = i === 0 ? [] : [Math.floor(i / 2), Math.max(0, i - 1)].filter((d, k, a) => a.indexOf(d) === k);
    const lines: string[] = [];
    for (const d of deps) lines.push(`import { make${d}, type Item${d} } from './m${d}';`);
    lines.push('');
    lines.push(`export interface Item${i} {`, '  id: number;', '  name: string;', '  tags: string[];', `  parent?: ${deps.length ? `Item${deps[0]}` : 'undefined'};`, '}', '');
    lines.push(`export function make${i}(id: number, name: string): Item${i} {`);
    lines.push(deps.length ? `  const parent = make${deps[0]}(id - 1, name);` : '  const parent = undefined;');
    lines.push(`  return { id, name: name + '${i}', tags: [name], parent };`, '}', '');
    lines.push(`export class Store${i} {`, `  private readonly items = new Map<number, Item${i}>();`, `  add(item: Item${i}): void {`, '    this.items.set(item.id, item);', '  }');
    lines.push(`  find(id: number): Item${i} | undefined {`, '    return this.items.get(id);', '  }');
    lines.push('  names(): string[] {', '    return [...this.items.values()].map((x) => x.name.toUpperCase());', '  }', '}', '');
    for (const d of deps.slice(1)) lines.push(`export const link${i}: Item${d} = make${d}(${i}, 'link');`);
    lines.push(`export const total${i} = [1, 2, 3].reduce((a, b) => a + b, ${i});`, '');
    writeFileSync(path.join(dir, 'src', `m${i}.ts`), lines.join('\n'));
  }
}

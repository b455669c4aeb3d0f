/**
 * `compilerOptions.types: ["node", "jest"]` in a tsconfig names @types/jest, which the migration
 * removes (TS2688 "Cannot find type definition file for 'jest'"). The test files import what
 * they use from vitest, so the entry is dropped — edited in the text, keeping comments and layout.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const JEST_TYPES = /^\s*["'](@types\/)?jest["']\s*$/;

export function dropJestTypes(text: string): string {
  return text.replace(/("types"\s*:\s*\[)([^\]]*)(\])/g, (whole, open: string, list: string, close: string) => {
    const items = list.split(',');
    const kept = items.filter((item) => !JEST_TYPES.test(item));
    if (kept.length === items.length) return whole;
    const lead = /^\s*/.exec(list)![0];
    const trail = /\s*$/.exec(list)![0];
    const values = kept.map((item) => item.trim()).filter(Boolean);
    if (values.length === 0) return `${open}${close}`;
    return `${open}${lead}${values.join(lead ? `,${lead}` : ', ')}${trail}${close}`;
  });
}

/** Drops `jest` from the `types` of every tsconfig*.json at the repository root; the files it changed. */
export function dropJestTypesInTsconfigs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const changed: string[] = [];
  for (const name of readdirSync(dir).filter((f) => /^tsconfig(\..+)?\.json$/.test(f))) {
    const file = path.join(dir, name);
    const before = readFileSync(file, 'utf8');
    const after = dropJestTypes(before);
    if (after !== before) {
      writeFileSync(file, after);
      changed.push(name);
    }
  }
  return changed;
}

/**
 * Test and bundler configurations that map a bare built-in name: Vite/Vitest `resolve.alias`
 * (`{ fs: './memfs.ts' }` or `[{ find: 'fs', replacement }]`) and Jest `moduleNameMapper`
 * (`'^fs$'`, in jest.config.* or package.json#jest). Such a key matches `'fs'` but not
 * `'node:fs'`: once the imports are rewritten, the alias silently stops applying (the tests run
 * against the real module). The codemod cannot decide how the configuration should match both
 * forms, so each key becomes a leftover site for the agent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { lineColumnAt, type FileLeftover } from '../../src/catalog/leftovers.js';

export interface AliasedBuiltin extends FileLeftover {
  /** Repository-relative config file. */
  file: string;
  /** The built-in module the key maps (`fs`, `fs/promises`, …). */
  module: string;
}

const CONFIG_FILE = /^(vite|vitest|jest)(\.[\w-]+)?\.config\.[cm]?[jt]s$|^vitest\.workspace\.[cm]?[jt]s$/;
const ALIAS_KEYS = new Set(['alias', 'moduleNameMapper']);

/** `'^fs$'` / `'fs'` / `'^fs/promises$'` → the module name, or undefined for a real pattern. */
function keyModule(key: string, isBuiltin: (name: string) => boolean): string | undefined {
  const name = key.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/');
  return isBuiltin(name) ? name : undefined;
}

function propertyName(node: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** The name of the property whose value `node` is (`alias` in `alias: { … }`). */
function ownerName(node: ts.Node): string | undefined {
  const parent = node.parent;
  return parent && ts.isPropertyAssignment(parent) && parent.initializer === node ? propertyName(parent.name) : undefined;
}

function inScript(file: string, text: string, isBuiltin: (name: string) => boolean): AliasedBuiltin[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: AliasedBuiltin[] = [];
  const add = (module: string, node: ts.Node, how: string): void => {
    out.push({ file, module, ...lineColumnAt(text, node.getStart(sf)), reason: reason(file, module, how) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const owner = ownerName(node);
      if (owner && ALIAS_KEYS.has(owner)) {
        for (const p of node.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const key = propertyName(p.name);
          const module = key === undefined ? undefined : keyModule(key, isBuiltin);
          if (module) add(module, p.name, owner);
        }
      }
      // alias: [{ find: 'fs', replacement }]
      if (node.parent && ts.isArrayLiteralExpression(node.parent) && ownerName(node.parent) === 'alias') {
        for (const p of node.properties) {
          if (!ts.isPropertyAssignment(p) || propertyName(p.name) !== 'find' || !ts.isStringLiteral(p.initializer)) continue;
          const module = keyModule(p.initializer.text, isBuiltin);
          if (module) add(module, p.initializer, 'alias');
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function inPackageJson(text: string, isBuiltin: (name: string) => boolean): AliasedBuiltin[] {
  let mapper: unknown;
  try {
    mapper = (JSON.parse(text) as { jest?: { moduleNameMapper?: unknown } }).jest?.moduleNameMapper;
  } catch {
    return [];
  }
  if (!mapper || typeof mapper !== 'object') return [];
  const out: AliasedBuiltin[] = [];
  for (const key of Object.keys(mapper)) {
    const module = keyModule(key, isBuiltin);
    if (!module) continue;
    const at = text.indexOf(JSON.stringify(key), text.indexOf('"moduleNameMapper"'));
    out.push({ file: 'package.json', module, ...lineColumnAt(text, Math.max(at, 0)), reason: reason('package.json', module, 'moduleNameMapper') });
  }
  return out;
}

function reason(file: string, module: string, how: string): string {
  return (
    `${file} maps the bare built-in '${module}' (${how}); the imports rewritten to 'node:${module}' no longer match it, ` +
    `so the mapping silently stops applying: make it match 'node:${module}' too`
  );
}

/** Every alias of a built-in in the repository's root test/bundler configurations. */
export function aliasedBuiltins(dir: string, isBuiltin: (name: string) => boolean): AliasedBuiltin[] {
  const out: AliasedBuiltin[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!CONFIG_FILE.test(name)) continue;
    out.push(...inScript(name, readFileSync(path.join(dir, name), 'utf8'), isBuiltin));
  }
  const pkg = path.join(dir, 'package.json');
  if (existsSync(pkg)) out.push(...inPackageJson(readFileSync(pkg, 'utf8'), isBuiltin));
  return out;
}

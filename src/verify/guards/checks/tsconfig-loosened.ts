import path from 'node:path';
import { ts } from 'ts-morph';
import type { GuardFinding } from '../../../report/run-report.js';
import { readAfter } from '../protected.js';
import type { Guard } from '../types.js';
import { baseFiles, baseText } from '../base-reads.js';

const TSCONFIG = /(?:^|\/)[jt]sconfig[^/]*\.json$/;

/** Checks implied by `strict` unless set explicitly. */
const STRICT_FAMILY = [
  'noImplicitAny',
  'strictNullChecks',
  'strictFunctionTypes',
  'strictBindCallApply',
  'strictPropertyInitialization',
  'strictBuiltinIteratorReturn',
  'noImplicitThis',
  'alwaysStrict',
  'useUnknownInCatchVariables',
];
/** Independent checks that loosen when turned off. */
const CHECKS = [
  'noUncheckedIndexedAccess',
  'exactOptionalPropertyTypes',
  'noImplicitReturns',
  'noFallthroughCasesInSwitch',
  'noImplicitOverride',
  'noPropertyAccessFromIndexSignature',
  'noUnusedLocals',
  'noUnusedParameters',
  'checkJs',
];
/** Options that loosen when turned on. (skipLibCheck is fine.) */
const LOOSENERS = ['suppressImplicitAnyIndexErrors', 'noStrictGenericChecks', 'suppressExcessPropertyErrors', 'allowUnreachableCode', 'allowUnusedLabels'];

type Options = Record<string, unknown>;

function compilerOptions(text: string | undefined): Options | undefined {
  if (text === undefined) return undefined;
  const parsed = ts.parseConfigFileTextToJson('tsconfig.json', text);
  if (parsed.error || typeof parsed.config !== 'object' || parsed.config === null) return undefined;
  const options = (parsed.config as { compilerOptions?: unknown }).compilerOptions;
  return typeof options === 'object' && options !== null ? (options as Options) : {};
}

function effective(options: Options, key: string): boolean {
  if (typeof options[key] === 'boolean') return options[key];
  return STRICT_FAMILY.includes(key) ? options.strict === true : false;
}

/** Names of the checks that were on before and are off now. */
export function loosenedOptions(before: Options, after: Options): string[] {
  const out: string[] = [];
  if (before.strict === true && after.strict !== true) out.push('strict');
  for (const key of [...STRICT_FAMILY, ...CHECKS]) if (effective(before, key) && !effective(after, key)) out.push(key);
  for (const key of LOOSENERS) if (before[key] !== true && after[key] === true) out.push(`${key}: true`);
  return out;
}

interface Resolved {
  options: Options;
  files: Set<string>;
  /** Repository paths of the config files it extends, directly or not. */
  extended: string[];
}

/**
 * What tsc makes of a tsconfig text placed at `file`: the options after `extends`, the files it
 * type-checks (include/exclude/files/references), and the config files it extends. `host` reads
 * the `extends` chain (the base commit's or the changed one); the directory walk is always the
 * current tree, so a renamed source file does not count, while an `exclude`, a narrowed
 * `include`, a swapped `extends` or a loosened extended file does.
 */
function resolve(dir: string, file: string, text: string, host: ts.ParseConfigHost = ts.sys): Resolved | undefined {
  const abs = path.join(dir, file);
  const json = ts.parseConfigFileTextToJson(abs, text);
  if (json.error || typeof json.config !== 'object' || json.config === null) return undefined;
  const source = ts.readJsonConfigFile(abs, () => text);
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, host, path.dirname(abs), undefined, abs);
  const files = new Set(parsed.fileNames.map((f) => path.relative(dir, f).split(path.sep).join('/')));
  return { options: parsed.options as Options, files, extended: (source.extendedSourceFiles ?? []).map((f: string) => path.relative(dir, f).split(path.sep).join('/')) };
}

/** A config host that sees `changed` files (repository path → base text, undefined when added) as at the base commit. */
function baseHost(dir: string, changed: ReadonlyMap<string, string | undefined>, walk = true): ts.ParseConfigHost {
  const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');
  return {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: walk ? ts.sys.readDirectory : () => [],
    fileExists: (p) => (changed.has(rel(p)) ? changed.get(rel(p)) !== undefined : ts.sys.fileExists(p)),
    readFile: (p) => (changed.has(rel(p)) ? changed.get(rel(p)) : ts.sys.readFile(p)),
  };
}

/** Loosened checks and files no longer type-checked, from the resolved configurations. */
function loosenedResolved(before: Resolved, after: Resolved): string[] {
  const out = loosenedOptions(before.options, after.options);
  const dropped = [...before.files].filter((f) => !after.files.has(f) && !f.includes('node_modules/')).sort();
  if (dropped.length) out.push(`${dropped.length} file(s) no longer type-checked (${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ', …' : ''})`);
  return out;
}

export const tsconfigLoosened: Guard = {
  name: 'tsconfig-loosened',
  description: 'A tsconfig check (strict, noImplicitAny, strictNullChecks …) turned off or a loosening option turned on, directly or through `extends`, or files dropped from the typecheck (include/exclude/files).',
  async check(input) {
    const { dir, changedFiles } = input;
    const findings: GuardFinding[] = [];
    // The base text of every changed JSON file: an `extends` target may have any name.
    const changedJson = new Map<string, string | undefined>();
    for (const f of changedFiles) {
      if (f.path.endsWith('.json') && !f.path.includes('node_modules/')) changedJson.set(f.path, f.status === 'added' ? undefined : await baseText(input, f.path));
    }
    const atBase = baseHost(dir, changedJson);
    for (const f of changedFiles) {
      if (!TSCONFIG.test(f.path) || f.status === 'added') continue;
      const base = changedJson.has(f.path) ? changedJson.get(f.path) : await baseText(input, f.path);
      const before = compilerOptions(base);
      if (!before) continue;
      const afterText = readAfter(dir, f);
      const after = compilerOptions(afterText) ?? {};
      const loosened = new Set(f.status === 'deleted' ? ['the whole file was deleted'] : loosenedOptions(before, after));
      if (f.status !== 'deleted') {
        // What tsc really checks: `extends` followed (as at base, and as changed), include/exclude/files applied.
        const was = resolve(dir, f.path, base ?? '', atBase);
        const now = resolve(dir, f.path, afterText ?? '');
        if (was && now) for (const l of loosenedResolved(was, now)) loosened.add(l);
      }
      if (loosened.size) {
        findings.push({ guard: 'tsconfig-loosened', severity: 'block', message: `${f.path} loosened: ${[...loosened].join(', ')}`, file: f.path });
      }
    }
    // Unchanged tsconfigs whose `extends` chain holds a changed file (`configs/strict.json`).
    const changed = new Set(changedFiles.map((f) => f.path));
    const extendedChanged = [...changedJson.keys()].filter((p) => !TSCONFIG.test(p));
    if (!extendedChanged.length) return findings;
    for (const p of await baseFiles(input)) {
      if (!TSCONFIG.test(p) || p.includes('node_modules/') || changed.has(p)) continue;
      const text = readAfter(dir, { path: p, status: 'modified' });
      const chain = text === undefined ? undefined : resolve(dir, p, text, baseHost(dir, changedJson, false));
      const through = chain?.extended.filter((e) => extendedChanged.includes(e)) ?? [];
      if (!text || !through.length) continue;
      const was = resolve(dir, p, text, atBase);
      const now = resolve(dir, p, text);
      const loosened = was && now ? loosenedResolved(was, now) : [];
      if (loosened.length) {
        findings.push({ guard: 'tsconfig-loosened', severity: 'block', message: `${p} loosened through its \`extends\` (${through.join(', ')} changed): ${loosened.join(', ')}`, file: through[0]! });
      }
    }
    return findings;
  },
};

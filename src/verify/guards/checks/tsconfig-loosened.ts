import path from 'node:path';
import { ts } from 'ts-morph';
import type { GuardFinding } from '../../../report/run-report.js';
import { readAfter } from '../protected.js';
import type { Guard } from '../types.js';
import { baseText } from '../working-tree-diff.js';

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
}

/**
 * What tsc makes of a tsconfig text placed at `file` in the current tree: the options after
 * `extends`, and the files it type-checks (include/exclude/files/references). Both the base and
 * the changed text are resolved against the same (changed) tree, so a renamed source file does
 * not count, while an `exclude`, a narrowed `include` or a swapped `extends` does.
 */
function resolve(dir: string, file: string, text: string): Resolved | undefined {
  const json = ts.parseConfigFileTextToJson(file, text);
  if (json.error || typeof json.config !== 'object' || json.config === null) return undefined;
  const abs = path.join(dir, file);
  const parsed = ts.parseJsonConfigFileContent(json.config, ts.sys, path.dirname(abs), undefined, abs);
  const files = new Set(parsed.fileNames.map((f) => path.relative(dir, f).split(path.sep).join('/')));
  return { options: parsed.options as Options, files };
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
    for (const f of changedFiles) {
      if (!TSCONFIG.test(f.path) || f.status === 'added') continue;
      const base = await baseText(input, f.path);
      const before = compilerOptions(base);
      if (!before) continue;
      const afterText = readAfter(dir, f);
      const after = compilerOptions(afterText) ?? {};
      const loosened = new Set(f.status === 'deleted' ? ['the whole file was deleted'] : loosenedOptions(before, after));
      if (f.status !== 'deleted') {
        // What tsc really checks: `extends` followed, include/exclude/files applied.
        const was = resolve(dir, f.path, base ?? '');
        const now = resolve(dir, f.path, afterText ?? '');
        if (was && now) for (const l of loosenedResolved(was, now)) loosened.add(l);
      }
      if (loosened.size) {
        findings.push({ guard: 'tsconfig-loosened', severity: 'block', message: `${f.path} loosened: ${[...loosened].join(', ')}`, file: f.path });
      }
    }
    return findings;
  },
};

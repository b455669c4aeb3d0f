import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import type { GuardFinding } from '../../../report/run-report.js';
import type { Guard } from '../types.js';
import { readAtBase } from '../working-tree-diff.js';

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

export const tsconfigLoosened: Guard = {
  name: 'tsconfig-loosened',
  description: 'A tsconfig check (strict, noImplicitAny, strictNullChecks …) turned off or a loosening option turned on.',
  async check({ dir, baseCommit, changedFiles }) {
    const findings: GuardFinding[] = [];
    for (const f of changedFiles) {
      if (!TSCONFIG.test(f.path) || f.status === 'added') continue;
      const before = compilerOptions(await readAtBase(dir, baseCommit, f.path));
      if (!before) continue;
      let afterText: string | undefined;
      try {
        afterText = f.status === 'deleted' ? undefined : readFileSync(path.join(dir, f.path), 'utf8');
      } catch {
        afterText = undefined;
      }
      const after = compilerOptions(afterText) ?? {};
      const loosened = f.status === 'deleted' ? ['the whole file was deleted'] : loosenedOptions(before, after);
      if (loosened.length) {
        findings.push({ guard: 'tsconfig-loosened', severity: 'block', message: `${f.path} loosened: ${loosened.join(', ')}`, file: f.path });
      }
    }
    return findings;
  },
};

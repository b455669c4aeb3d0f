import picomatch from 'picomatch';
import type { GuardFinding } from '../../../report/run-report.js';
import { allowanceOf, isLifecycleScript, parseObject, PROTECTED_PACKAGE_KEYS, PROTECTED_PATHS, readAfter, type Allowance } from '../protected.js';
import type { Guard } from '../types.js';
import { baseText } from '../base-reads.js';

const PACKAGE_JSON = /(?:^|\/)package\.json$/;
const HINT = 'list it in the migration\'s scope.allowProtected if the change is intended';

const pathMatchers = PROTECTED_PATHS.map((p) => ({ ...p, match: picomatch(p.glob, { dot: true }) }));

function scriptsOf(pkg: Record<string, unknown> | undefined): Record<string, string> {
  const s = pkg?.scripts;
  if (typeof s !== 'object' || s === null) return {};
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));
}

/** Protected package.json changes: scripts changed or removed, new lifecycle scripts, protected keys. */
function packageJsonFindings(file: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, allow: Allowance): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const block = (key: string, message: string, exact = false): void => {
    if (exact ? allow.exactPackageKey(key) : allow.packageKey(key)) {
      findings.push({ guard: 'protected-files', severity: 'warn', message: `${message} (allowed by the migration: package.json#${key})`, file });
    } else findings.push({ guard: 'protected-files', severity: 'block', message: `${message}; ${HINT} as package.json#${key}`, file });
  };
  const a = scriptsOf(before);
  const b = scriptsOf(after);
  for (const [name, command] of Object.entries(a)) {
    if (!(name in b)) block(`scripts.${name}`, `${file}: script "${name}" was removed (was \`${command}\`)`);
    else if (b[name] !== command) block(`scripts.${name}`, `${file}: script "${name}" changed from \`${command}\` to \`${b[name]}\``);
  }
  for (const [name, command] of Object.entries(b)) {
    // A new hook that runs by itself must be named exactly: `package.json#scripts.*` does not allow it.
    if (!(name in a) && isLifecycleScript(name)) block(`scripts.${name}`, `${file}: new lifecycle script "${name}": \`${command}\``, true);
  }
  for (const [key, what] of Object.entries(PROTECTED_PACKAGE_KEYS)) {
    const x = JSON.stringify(before?.[key]);
    const y = JSON.stringify(after?.[key]);
    if (x !== y) block(key, `${file}: "${key}" (${what}) ${x === undefined ? 'was added' : y === undefined ? 'was removed' : 'changed'}`);
  }
  return findings;
}

export const protectedFiles: Guard = {
  name: 'protected-files',
  description:
    'Changes to what decides how code is installed, verified or run: package.json scripts and lifecycle hooks, .npmrc/.yarnrc/.pnpmfile.cjs, CI workflows, git hook managers, the repository\'s godwit settings.',
  async check(input) {
    const { dir, changedFiles, migration } = input;
    const allow = allowanceOf(migration);
    const findings: GuardFinding[] = [];
    for (const f of changedFiles) {
      if (f.path.includes('node_modules/')) continue;
      const hit = pathMatchers.find((p) => p.match(f.path));
      if (hit) {
        const message = `${f.path} (${hit.what}) was ${f.status}`;
        if (allow.path(f.path)) findings.push({ guard: 'protected-files', severity: 'warn', message: `${message} (allowed by the migration)`, file: f.path });
        else findings.push({ guard: 'protected-files', severity: 'block', message: `${message}; ${HINT}`, file: f.path });
      }
      if (PACKAGE_JSON.test(f.path)) {
        const before = f.status === 'added' ? undefined : parseObject(await baseText(input, f.path));
        findings.push(...packageJsonFindings(f.path, before, parseObject(readAfter(dir, f)), allow));
      }
    }
    return findings;
  },
};

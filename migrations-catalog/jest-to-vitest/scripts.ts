/**
 * Rewrites the package.json scripts that call Jest into their Vitest equivalents, flags
 * included, so the repository's own `npm test` keeps working on the branch:
 * `jest --env node --runInBand --coverage --config jest.unit.js` → `vitest run --environment node
 * --no-file-parallelism --coverage`. A flag with no equivalent is dropped only when it changes
 * nothing Vitest does differently (--ci, --detectOpenHandles, --forceExit); the Jest config
 * file argument is dropped because the config itself becomes vitest.config.ts.
 */
const DROP = new Set(['--ci', '--detectOpenHandles', '--forceExit', '--colors', '--no-cache', '--json', '--logHeapUsage']);
const DROP_WITH_VALUE = new Set(['--config', '-c', '--outputFile', '--coverageReporters', '--testResultsProcessor', '--reporters']);
const RENAME: Record<string, string> = {
  '--verbose': '--reporter=verbose',
  '--passWithNoTests': '--passWithNoTests',
  '--coverage': '--coverage',
  '--silent': '--silent',
  '--updateSnapshot': '--update',
  '-u': '--update',
  '--bail': '--bail=1',
};
const RENAME_WITH_VALUE: Record<string, string> = {
  '--env': '--environment',
  '--testEnvironment': '--environment',
  '--testNamePattern': '--testNamePattern',
  '-t': '--testNamePattern',
  '--maxWorkers': '--maxWorkers',
  '-w': '--maxWorkers',
  '--testTimeout': '--testTimeout',
  '--shard': '--shard',
};
const POSITIONAL_WITH_VALUE = new Set(['--testPathPattern', '--testPathPatterns']);
const SERIAL = new Set(['--runInBand', '-i']);

export interface ScriptRewriteOptions {
  /** How this Vitest major runs test files one after another. */
  serialFlag: string;
}

function translate(flags: ReadonlyArray<string>, options: ScriptRewriteOptions): { args: string[]; watch: boolean } {
  const out: string[] = [];
  let watch = false;
  for (let i = 0; i < flags.length; i++) {
    const raw = flags[i]!;
    const eq = raw.startsWith('-') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? flags[++i];
    if (name === '--watch' || name === '--watchAll') watch = true;
    else if (SERIAL.has(name)) out.push(options.serialFlag);
    else if (DROP.has(name)) continue;
    else if (DROP_WITH_VALUE.has(name)) value();
    else if (Object.hasOwn(RENAME, name)) out.push(RENAME[name]!);
    else if (Object.hasOwn(RENAME_WITH_VALUE, name)) {
      const v = value();
      if (v !== undefined) out.push(`${RENAME_WITH_VALUE[name]}=${v}`);
    } else if (POSITIONAL_WITH_VALUE.has(name)) {
      const v = value();
      if (v !== undefined) out.push(v);
    } else out.push(raw);
  }
  return { args: out, watch };
}

/** One script; text around the jest call (`tsc && jest --ci; echo done`) is kept. */
export function rewriteScript(script: string, options: ScriptRewriteOptions = { serialFlag: '--no-file-parallelism' }): string {
  return script.replace(/(^|&&\s*|;\s*|\|\|\s*)((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*)(?:npx\s+)?jest((?:\s+[^&|;]+)?)(?=$|\s*&&|\s*;|\s*\|\|)/g, (_m, pre: string, env: string, args: string) => {
    const flags = args.trim() ? args.trim().split(/\s+/) : [];
    const { args: kept, watch } = translate(flags, options);
    const trailing = /\s*$/.exec(args)?.[0] ?? '';
    // Jest's ESM switch means nothing to Vitest.
    const keptEnv = env.replace(/NODE_OPTIONS=--experimental-vm-modules\s+/, '');
    return `${pre}${keptEnv}${['vitest', ...(watch ? [] : ['run']), ...kept].join(' ')}${trailing}`;
  });
}


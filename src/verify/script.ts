/**
 * Reads a package.json script (or a configured command) the way a shell would, when it is a
 * plain call of a tool godwit can parse: `NODE_OPTIONS=… jest --runInBand`, `cross-env CI=1
 * vitest run --env node`, `eslint src --ext .ts`, `tsc --noEmit -p tsconfig.build.json`. Such a
 * script is run as that tool with the script's own arguments and environment, plus the flags
 * that make its output machine-readable — the same check the repository runs, with
 * diagnostics. Anything else (`&&`, pipes, several tools) is run as the script itself.
 */

export type ParsableTool = 'tsc' | 'eslint' | 'vitest' | 'jest';

export interface ParsedScript {
  tool: ParsableTool;
  /** The script's own arguments after the tool name. */
  args: string[];
  /** `KEY=value` settings before the tool (directly or through cross-env). */
  env: Record<string, string>;
}

const TOOLS: ReadonlySet<string> = new Set(['tsc', 'eslint', 'vitest', 'jest']);
const SHELL_SYNTAX = /[;&|<>`$(){}*?!\\\n]/;
const ENV_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** Splits on spaces, honouring single and double quotes; undefined when the text needs a real shell. */
export function splitWords(text: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of text.trim()) {
    if (quote) {
      if (quote === '"' && /[$`\\]/.test(ch)) return undefined;
      if (ch === quote) quote = undefined;
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if (SHELL_SYNTAX.test(ch)) return undefined;
    current += ch;
    inWord = true;
  }
  if (quote) return undefined;
  if (inWord) words.push(current);
  return words;
}

export function parseScript(script: string): ParsedScript | undefined {
  const words = splitWords(script);
  if (!words?.length) return undefined;
  const env: Record<string, string> = {};
  let i = 0;
  for (;;) {
    const word = words[i];
    if (word === undefined) return undefined;
    const assignment = ENV_ASSIGNMENT.exec(word);
    if (assignment) {
      env[assignment[1]!] = assignment[2]!;
      i++;
    } else if (word === 'cross-env' || word === 'npx' || word === '--no-install' || word === '--no') {
      i++;
    } else break;
  }
  const tool = words[i]!;
  if (!TOOLS.has(tool)) return undefined;
  return { tool: tool as ParsableTool, args: words.slice(i + 1), env };
}

/** Drops `flag value`, `flag=value` and bare `flag` for each named flag. */
function without(args: ReadonlyArray<string>, flags: ReadonlyArray<string>, withValue: ReadonlyArray<string> = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flags.includes(name)) continue;
    if (withValue.includes(name)) {
      if (!a.includes('=')) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * The arguments a verifier passes: the script's own, minus what would watch, fix files or
 * change the output format, plus the machine-readable output godwit parses.
 */
export function verifierArgs(parsed: ParsedScript): string[] {
  switch (parsed.tool) {
    case 'tsc':
      return [...without(parsed.args, ['--watch', '-w'], ['--pretty']), '--pretty', 'false'];
    case 'eslint':
      return [...without(parsed.args, ['--fix', '--fix-dry-run', '--cache'], ['--format', '-f', '--output-file', '-o', '--fix-type']), '--format', 'json'];
    case 'vitest': {
      const rest = without(parsed.args, ['--watch', '-w', '--ui', '--run'], ['--reporter', '--outputFile']);
      const sub = rest[0];
      const args = sub === 'run' || sub === 'watch' || sub === 'dev' ? rest.slice(1) : rest;
      return ['run', ...args, '--reporter=json'];
    }
    case 'jest':
      return [...without(parsed.args, ['--watch', '--watchAll', '--json', '--ci'], ['--outputFile']), '--ci', '--json'];
  }
}

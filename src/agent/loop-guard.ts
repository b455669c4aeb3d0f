/**
 * Loop detection: what real models do when they are stuck, recognised per iteration, said to
 * the model once, and then the end of the run (`failed`, with a reason naming the behaviour).
 *
 * - the same edit sent again (identical tool and arguments): told on the 2nd time, stopped on the 3rd;
 * - the same new errors after consecutive rounds: told on the 2nd time, stopped on the 3rd;
 * - paths that do not exist, writes outside the migration's scope, or turns of only malformed
 *   or unknown tool calls, in three iterations: told on the 2nd, stopped on the 3rd;
 * - `finish` while the changed files' checks are red: fed back once, stopped on the 2nd.
 */
import type { ToolProblem } from './tools/index.js';

export type Behaviour = 'repeated-edit' | 'same-errors' | 'missing-path' | 'outside-scope' | 'malformed-calls' | 'finish-while-red';

export interface WriteCall {
  /** Tool name + canonical arguments. */
  signature: string;
  /** Short label for messages: `edit_file src/a.ts`. */
  label: string;
  applied: boolean;
}

export interface IterationObservation {
  writes: WriteCall[];
  problems: Array<{ problem: ToolProblem; path?: string }>;
  /** Tool calls in the iteration, and how many of them were malformed or unknown. */
  calls: number;
  malformedCalls: number;
  applied: number;
  /** The new errors after this iteration's verify, when red. */
  errors?: string;
  /** The changed files' checks pass after this iteration. */
  green: boolean;
  finishedRed: boolean;
}

export interface GuardVerdict {
  warnings: string[];
  stop?: { behaviour: Behaviour; reason: string };
}

const WARN_AT = 2;
const STOP_AT = 3;

/** Module names in "Cannot find module 'x'" errors (TS2307) — an import of something not installed. */
function unresolvedModules(errors: string): string[] {
  const found = new Set<string>();
  for (const m of errors.matchAll(/Cannot find module '([^']+)'/g)) if (!m[1]!.startsWith('.')) found.add(m[1]!);
  return [...found];
}

/** Errors compared across rounds without their positions (an edit above them moves lines). */
const errorKey = (errors: string): string => errors.replace(/:\d+(:\d+)?\b/g, '').replace(/\s+/g, ' ').trim();

export class LoopGuard {
  private readonly editCounts = new Map<string, number>();
  private sameErrorsStreak = 0;
  private lastErrorKey: string | undefined;
  private readonly strikes = new Map<'missing-path' | 'outside-scope' | 'malformed-calls', { count: number; paths: Set<string> }>();
  private finishRed = 0;

  observe(o: IterationObservation): GuardVerdict {
    const warnings: string[] = [];
    const stop = (behaviour: Behaviour, reason: string): GuardVerdict => ({ warnings, stop: { behaviour, reason } });

    for (const w of o.writes) {
      const count = (this.editCounts.get(w.signature) ?? 0) + 1;
      this.editCounts.set(w.signature, count);
      if (count >= STOP_AT) return stop('repeated-edit', `loop: the model sent the same edit (${w.label}) ${count} times, also after being told it did not work`);
      if (count === WARN_AT) {
        warnings.push(`You sent exactly this edit before (${w.label}). Repeating an edit does not change its result: read the file's current text and change your approach. If you send it a third time, godwit stops the run.`);
      }
    }

    if (o.finishedRed) {
      this.finishRed++;
      if (this.finishRed >= 2) return stop('finish-while-red', 'the model called finish again while the checks of the changed files were still red');
      warnings.push('godwit does not accept finish while the checks of the changed files are red. Fix the errors above first; finishing again with red checks ends the run as failed.');
    }

    for (const kind of ['missing-path', 'outside-scope'] as const) {
      const hits = o.problems.filter((p) => p.problem === kind);
      if (hits.length === 0) continue;
      const verdict = this.strike(kind, hits.map((h) => h.path ?? '?'), warnings);
      if (verdict) return verdict;
    }
    if (o.calls > 0 && o.malformedCalls === o.calls) {
      const verdict = this.strike('malformed-calls', [], warnings);
      if (verdict) return verdict;
    } else if (o.calls > 0) this.strikes.delete('malformed-calls');

    if (o.errors) {
      const key = errorKey(o.errors);
      this.sameErrorsStreak = key === this.lastErrorKey ? this.sameErrorsStreak + 1 : 0;
      this.lastErrorKey = key;
      const modules = unresolvedModules(o.errors);
      const first = o.errors.split('\n', 1)[0]!.slice(0, 200);
      if (this.sameErrorsStreak + 1 >= STOP_AT) {
        return modules.length
          ? stop('same-errors', `loop: the model kept importing ${modules.map((m) => `'${m}'`).join(', ')}, which ${modules.length === 1 ? 'is' : 'are'} not installed in the repository (the same errors after ${STOP_AT} rounds)`)
          : stop('same-errors', `loop: the same errors remained after ${STOP_AT} rounds of edits: ${first}`);
      }
      if (this.sameErrorsStreak + 1 === WARN_AT) {
        warnings.push('These are the same errors as after your previous round: your last edits did not fix them. Look at them again and try something different; if they remain after the next round, godwit stops the run.');
      }
      if (modules.length) {
        warnings.push(`${modules.map((m) => `'${m}'`).join(', ')} cannot be resolved: ${modules.length === 1 ? 'it is' : 'they are'} not installed in this repository. Do not import ${modules.length === 1 ? 'it' : 'them'}; use what the repository already has.`);
      }
    } else if (o.green) {
      this.sameErrorsStreak = 0;
      this.lastErrorKey = undefined;
    }
    return { warnings };
  }

  private strike(kind: 'missing-path' | 'outside-scope' | 'malformed-calls', paths: string[], warnings: string[]): GuardVerdict | undefined {
    const s = this.strikes.get(kind) ?? { count: 0, paths: new Set<string>() };
    s.count++;
    for (const p of paths) s.paths.add(p);
    this.strikes.set(kind, s);
    const named = [...s.paths].slice(0, 5).join(', ');
    if (s.count >= STOP_AT) {
      const reason =
        kind === 'missing-path'
          ? `the model kept using paths that do not exist (${named})`
          : kind === 'outside-scope'
            ? `the model kept writing files outside the migration's scope (${named})`
            : 'the model kept sending malformed or unknown tool calls';
      return { warnings, stop: { behaviour: kind, reason } };
    }
    if (s.count === WARN_AT) {
      warnings.push(
        kind === 'missing-path'
          ? `Again a path that does not exist (${named}). Use only files that exist (the errors above list similar real paths); godwit stops the run if this happens once more.`
          : kind === 'outside-scope'
            ? `Again an edit outside the migration's scope (${named}). Change only the files the migration covers and leave unrelated code alone; godwit stops the run if this happens once more.`
            : 'Again only malformed or unknown tool calls. Call the tools by their names with JSON arguments matching their schemas; godwit stops the run if this happens once more.',
      );
    }
    return undefined;
  }
}

/** A stable signature of a write call (tool + arguments with sorted keys). */
export function writeSignature(tool: string, rawArguments: string): string {
  try {
    const parsed = JSON.parse(rawArguments) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const sorted = Object.fromEntries(Object.entries(parsed).sort(([a], [b]) => a.localeCompare(b)));
      return `${tool} ${JSON.stringify(sorted)}`;
    }
  } catch {
    // malformed: the raw text is the signature
  }
  return `${tool} ${rawArguments}`;
}

export function writeLabel(tool: string, rawArguments: string): string {
  try {
    const parsed = JSON.parse(rawArguments) as { path?: unknown };
    if (typeof parsed?.path === 'string') return `${tool} ${parsed.path.slice(0, 120)}`;
  } catch {
    // fall through
  }
  return tool;
}

/**
 * inline-snapshots: `toMatchInlineSnapshot(`…`)` and `toThrowErrorMatchingInlineSnapshot(`…`)`
 * store the expected output in the test file itself. Rewriting that value to match broken
 * output, or emptying the call (the runner writes a fresh value from whatever the code prints
 * now), makes a failing test pass — the same attack as on a `.snap` file, one the snapshots
 * guard cannot see. Stored values are compared over the whole change (a test may move between
 * files), after removing the indentation runners add and strip themselves, so re-indenting is no
 * change. A new, changed or removed stored value blocks unless the migration lists the test file
 * in `scope.allowProtected`; a migration that only moves the test toolchain (`changesToolchain`
 * for tests) may never change a stored value, allowed or not.
 */
import path from 'node:path';
import { ts } from 'ts-morph';
import { changesToolchainOf } from '../../../catalog/definition.js';
import type { GuardFinding } from '../../../report/run-report.js';
import { allowanceOf, readAfter } from '../protected.js';
import type { Guard } from '../types.js';
import { baseText } from '../base-reads.js';

const SOURCE = /\.[cm]?[jt]sx?$/;
const MATCHERS = new Set(['toMatchInlineSnapshot', 'toThrowErrorMatchingInlineSnapshot']);
const HINT = "list the test file in the migration's scope.allowProtected if the change is intended";

interface InlineSnapshot {
  line: number;
  matcher: string;
  /** The stored value, indentation removed; undefined when the call stores none (the runner writes one). */
  value: string | undefined;
}

/** The stored value as runners compare it: without the leading newline, trailing indentation and common indent. */
export function normalizeInline(raw: string): string {
  let lines = raw.split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines = lines.slice(1);
  if (lines.length > 1 && lines.at(-1)!.trim() === '') lines = lines.slice(0, -1);
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd()).join('\n');
}

/** Every inline snapshot call in a JS/TS source text. */
export function inlineSnapshots(file: string, text: string): InlineSnapshot[] {
  if (!text.includes('InlineSnapshot')) return [];
  const kind = /x$/.test(file) ? (file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.JSX) : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(path.basename(file), text, ts.ScriptTarget.Latest, true, kind);
  const out: InlineSnapshot[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MATCHERS.has(node.expression.name.text)) {
      const last = node.arguments.at(-1);
      const stored = last && (ts.isNoSubstitutionTemplateLiteral(last) || ts.isStringLiteral(last)) ? last.text : last && ts.isTemplateExpression(last) ? last.getText(sf) : undefined;
      out.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, matcher: node.expression.name.text, value: stored === undefined ? undefined : normalizeInline(stored) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Count of each stored value. */
function tally(snaps: InlineSnapshot[], into = new Map<string, number>()): Map<string, number> {
  for (const s of snaps) if (s.value !== undefined) into.set(s.value, (into.get(s.value) ?? 0) + 1);
  return into;
}

export const inlineSnapshotsGuard: Guard = {
  name: 'inline-snapshots',
  description: 'Stored values of inline snapshots (toMatchInlineSnapshot, toThrowErrorMatchingInlineSnapshot) changed, added or emptied.',
  async check(input) {
    const { dir, changedFiles, migration } = input;
    const allow = allowanceOf(migration);
    const toolchainOnly = changesToolchainOf(migration, 'test');
    const files: Array<{ path: string; before: InlineSnapshot[]; after: InlineSnapshot[] }> = [];
    for (const f of changedFiles) {
      if (f.path.includes('node_modules/') || !SOURCE.test(f.path) || f.path.endsWith('.d.ts')) continue;
      const before = f.status === 'added' ? [] : inlineSnapshots(f.path, (await baseText(input, f.path)) ?? '');
      const after = inlineSnapshots(f.path, readAfter(dir, f) ?? '');
      if (before.length || after.length) files.push({ path: f.path, before, after });
    }
    // Over the whole change: a value moved to another file is still the same expected output.
    const was = new Map<string, number>();
    const now = new Map<string, number>();
    for (const f of files) {
      tally(f.before, was);
      tally(f.after, now);
    }
    const findings: GuardFinding[] = [];
    for (const f of files) {
      const wasHere = tally(f.before);
      const nowHere = tally(f.after);
      const added = [...nowHere].filter(([v, n]) => n > (wasHere.get(v) ?? 0) && (now.get(v) ?? 0) > (was.get(v) ?? 0)).length;
      const removed = [...wasHere].filter(([v, n]) => n > (nowHere.get(v) ?? 0) && (was.get(v) ?? 0) > (now.get(v) ?? 0)).length;
      const emptied = Math.max(0, f.after.filter((s) => s.value === undefined).length - f.before.filter((s) => s.value === undefined).length);
      if (!added && !removed && !emptied) continue;
      const where = f.after.find((s) => s.value !== undefined && (was.get(s.value) ?? 0) < (now.get(s.value) ?? 0)) ?? f.after.find((s) => s.value === undefined);
      const parts = [added && `${added} stored value(s) new`, removed && `${removed} base value(s) gone`, emptied && `${emptied} call(s) with no stored value (the runner would write one from the changed code)`].filter(Boolean);
      const message = `${f.path}: inline snapshots (the expected output tests compare against) changed: ${parts.join(', ')}`;
      const base = { guard: 'inline-snapshots', file: f.path, ...(where ? { line: where.line } : {}) };
      if (!allow.path(f.path)) findings.push({ ...base, severity: 'block', message: `${message}; ${HINT}` });
      else if (toolchainOnly) findings.push({ ...base, severity: 'block', message: `${message}; a test toolchain change may not change what is stored` });
      else findings.push({ ...base, severity: 'warn', message: `${message} (allowed by the migration)` });
    }
    return findings;
  },
};

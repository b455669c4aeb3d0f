/**
 * Eval cases of a migration, in the two layouts `godwit eval` reads:
 * - folders `<case>/before/**` + `<case>/after/**` (+ optional `<case>/case.json`);
 * - single-file pairs `<name>.input.<ext>` + `<name>.output.<ext>` in one folder.
 * Only discovery and case.json validation live here; running cases is src/eval's job.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GodwitError, formatZodIssues } from '../errors.js';
import { RUN_STATUSES } from '../report/run-report.js';

export const caseMetaSchema = z
  .object({
    description: z.string().default(''),
    /** Status the run must end in; default: `verified` when after differs from before, else `no-changes`. */
    expectedStatus: z.enum(RUN_STATUSES).optional(),
    /** The codemod alone cannot reach `after`; without a model the case is skipped. */
    needsLlm: z.boolean().default(false),
    /**
     * Folder cases only: `before/` is a real project (package.json, tsconfig, tests) using godwit's
     * own devDependencies (a `node_modules` link to them is added; nothing is installed). Eval
     * runs it through `runJob` — baseline, codemod, agent, gate with typecheck, tests and guards —
     * and the case passes only when the gate is green and the output matches `after`.
     */
    runnable: z.boolean().default(false),
  })
  .strict();
export type CaseMeta = z.output<typeof caseMetaSchema>;

export interface FolderCase {
  kind: 'folder';
  name: string;
  beforeDir: string;
  afterDir: string;
  meta: CaseMeta;
}

export interface PairCase {
  kind: 'pair';
  name: string;
  /** File name the input takes inside the temporary repository (`<name>.<ext>`). */
  fileName: string;
  inputFile: string;
  outputFile: string;
  meta: CaseMeta;
}

export type EvalCase = FolderCase | PairCase;


const LAYOUTS =
  'A case is a folder <case>/before/ + <case>/after/ (+ optional <case>/case.json), or a pair <name>.input.<ext> + <name>.output.<ext> (+ optional <name>.case.json); see docs/migrations.md "Case formats".';

/** A case that is not laid out as one: named, with what is wrong and the layouts that work. */
function invalidCase(dir: string, name: string, problem: string, hint = LAYOUTS): GodwitError {
  return new GodwitError('eval-case-invalid', `Eval case "${name}" in ${dir}: ${problem}`, hint);
}

function readMeta(dir: string, name: string, file: string): CaseMeta {
  if (!existsSync(file)) return caseMetaSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalidCase(dir, name, `${path.basename(file)} is not valid JSON: ${(error as Error).message}`, `Fix the JSON syntax of ${file}.`);
  }
  const parsed = caseMetaSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidCase(
      dir,
      name,
      `${path.basename(file)} is invalid:\n${formatZodIssues(parsed.error.issues)}`,
      `${file} may hold description (text), expectedStatus (a run status: ${RUN_STATUSES.join(', ')}), needsLlm (boolean) and runnable (boolean, folder cases).`,
    );
  }
  return parsed.data;
}

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
/** Entries of a cases folder that are no case: notes and hidden files. */
const isNote = (entry: string): boolean => entry.startsWith('.') || /\.md$/i.test(entry);
/** What a folder case may hold besides its trees. */
const FOLDER_CASE_EXTRAS = new Set(['case.json']);

function folderCase(dir: string, entry: string): FolderCase {
  const full = path.join(dir, entry);
  const beforeDir = path.join(full, 'before');
  const afterDir = path.join(full, 'after');
  const missing = [beforeDir, afterDir].filter((d) => !isDir(d)).map((d) => `${path.basename(d)}/`);
  if (missing.length) {
    throw invalidCase(dir, entry, `the folder has no ${missing.join(' and no ')}`, `Add ${missing.map((m) => `${entry}/${m}`).join(' and ')} (the repository before and after the migration; an empty after/ is not a case), or move the folder out of ${dir}. ${LAYOUTS}`);
  }
  const stray = readdirSync(full).filter((e) => e !== 'before' && e !== 'after' && !FOLDER_CASE_EXTRAS.has(e) && !isNote(e));
  if (stray.length) {
    throw invalidCase(dir, entry, `unexpected ${stray.map((e) => `"${e}"`).join(', ')} next to before/ and after/`, `Move it into before/ and after/ (the repository), or name the case's metadata case.json. ${LAYOUTS}`);
  }
  const meta = readMeta(dir, entry, path.join(full, 'case.json'));
  if (meta.runnable && !existsSync(path.join(beforeDir, 'package.json'))) {
    throw invalidCase(dir, entry, 'it is runnable but before/ has no package.json', `A runnable case is a project: add before/package.json (with its typecheck/test scripts), tsconfig.json and tests, or drop "runnable" from ${entry}/case.json.`);
  }
  return { kind: 'folder', name: entry, beforeDir, afterDir, meta };
}

function pairMeta(dir: string, name: string): CaseMeta {
  const meta = readMeta(dir, name, path.join(dir, `${name}.case.json`));
  if (meta.runnable) throw invalidCase(dir, name, 'a single-file pair cannot be runnable', `Make it a folder case (${name}/before/ + ${name}/after/ with package.json, tsconfig and tests), or drop "runnable" from ${name}.case.json.`);
  return meta;
}

const PAIR_PART_RE = /^(.+)\.(input|output)\.([A-Za-z0-9]+)$/;
const PAIR_META_RE = /^(.+)\.case\.json$/;

/**
 * Lists the cases of a folder (both layouts), sorted by name. Missing folder → no cases.
 * Anything in the folder that is neither a case nor a note (`*.md`, dotfiles) is an
 * `eval-case-invalid` error naming the case: a half case is never silently skipped.
 */
export function listCases(dir: string): EvalCase[] {
  if (!isDir(dir)) return [];
  const cases: EvalCase[] = [];
  const entries = readdirSync(dir).sort();
  const files = new Set(entries.filter((e) => !isDir(path.join(dir, e))));
  for (const entry of entries) {
    if (isNote(entry)) continue;
    if (!files.has(entry)) {
      cases.push(folderCase(dir, entry));
      continue;
    }
    const part = PAIR_PART_RE.exec(entry);
    if (part) {
      const [, base, side, ext] = part as unknown as [string, string, 'input' | 'output', string];
      const other = `${base}.${side === 'input' ? 'output' : 'input'}.${ext}`;
      if (!files.has(other)) {
        throw invalidCase(dir, base, `${entry} has no ${other}`, `Add ${other} (the file ${side === 'input' ? 'after' : 'before'} the migration), or remove ${entry}. ${LAYOUTS}`);
      }
      if (side === 'output') continue;
      cases.push({
        kind: 'pair',
        name: base,
        fileName: `${base}.${ext}`,
        inputFile: path.join(dir, entry),
        outputFile: path.join(dir, other),
        meta: pairMeta(dir, base),
      });
      continue;
    }
    const meta = PAIR_META_RE.exec(entry);
    if (meta && entries.some((e) => e.startsWith(`${meta[1]}.input.`))) continue;
    throw invalidCase(
      dir,
      meta?.[1] ?? entry,
      meta ? `${entry} belongs to no pair (no ${meta[1]}.input.<ext>)` : `${entry} is neither a case folder nor part of a pair`,
      meta ? `Rename it after its pair's <name>, or remove it. ${LAYOUTS}` : `Name it <name>.input.<ext> or <name>.output.<ext>, move it into a case's before/ or after/, or remove it. ${LAYOUTS}`,
    );
  }
  // Two pairs of the same name (a.input.ts + a.input.js) would run into one folder.
  const names = cases.map((c) => c.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw invalidCase(dir, twice, 'two cases have this name', `Rename one of them: a case name must be unique in ${dir}.`);
  return cases;
}

/** Number of eval cases in a folder (what `godwit catalog --json` shows per migration). */
export function countCases(dir: string): number {
  return listCases(dir).length;
}

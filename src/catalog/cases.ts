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

const PAIR_RE = /^(.+)\.input\.([A-Za-z0-9]+)$/;

function readMeta(file: string): CaseMeta {
  if (!existsSync(file)) return caseMetaSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GodwitError('usage', `${file} is not valid JSON: ${(error as Error).message}`, 'Fix the JSON syntax of case.json.');
  }
  const parsed = caseMetaSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GodwitError(
      'usage',
      `${file} is invalid:\n${formatZodIssues(parsed.error.issues)}`,
      'case.json may hold description, expectedStatus (a run status) and needsLlm (boolean).',
    );
  }
  return parsed.data;
}

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

/** Lists the cases of a folder (both layouts), sorted by name. Missing folder → no cases. */
export function listCases(dir: string): EvalCase[] {
  if (!isDir(dir)) return [];
  const cases: EvalCase[] = [];
  const entries = readdirSync(dir).sort();
  for (const entry of entries) {
    const full = path.join(dir, entry);
    if (isDir(full)) {
      const beforeDir = path.join(full, 'before');
      const afterDir = path.join(full, 'after');
      if (isDir(beforeDir) && isDir(afterDir)) {
        cases.push({ kind: 'folder', name: entry, beforeDir, afterDir, meta: readMeta(path.join(full, 'case.json')) });
      }
      continue;
    }
    const match = PAIR_RE.exec(entry);
    if (!match) continue;
    const [, base, ext] = match as unknown as [string, string, string];
    const outputFile = path.join(dir, `${base}.output.${ext}`);
    if (!existsSync(outputFile)) continue;
    cases.push({
      kind: 'pair',
      name: base,
      fileName: `${base}.${ext}`,
      inputFile: full,
      outputFile,
      meta: readMeta(path.join(dir, `${base}.case.json`)),
    });
  }
  return cases;
}

/** Number of eval cases in a folder (what `godwit catalog --json` shows per migration). */
export function countCases(dir: string): number {
  return listCases(dir).length;
}

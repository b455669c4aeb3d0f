/**
 * The one codemod step, shared by `godwit run` (the pre-scan and the codemod stage), `godwit
 * eval` and `godwit context`:
 *   1. locate the migration's target on the untouched tree (`found`);
 *   2. run the codemod over the workspace's Project, collecting the sites it leaves
 *      (`ctx.leave`);
 *   3. check every file it changed alone (file-check.ts): a file that no longer parses or has
 *      a new diagnostic keeps its original text, and its sites go to the agent instead;
 *   4. save what is left (confined to the workspace), and locate the target again: found sites
 *      that are gone were handled by the codemod; sites still there in a file the codemod said
 *      nothing about are handed over too (a codemod cannot silently leave a target use behind).
 * The agent's context is exactly `left` plus the current failures.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from 'ts-morph';
import type { LeftoverSite, LoadedMigration } from '../catalog/definition.js';
import { locateSites, sitesAt } from '../context/index.js';
import type { Site } from '../context/types.js';
import { GodwitError } from '../errors.js';
import { checkFileChange } from './file-check.js';
import { saveProjectInWorkspace } from './save-project.js';

export interface CodemodOutcome {
  /** Target sites on the untouched tree (empty when the migration declares no target). */
  found: Site[];
  /** Found sites that the codemod's saved changes removed. */
  handledByCodemod: number;
  /** What the agent gets: every site with the reason it was left. */
  left: Site[];
  /** Files whose codemod change was dropped by the check, with what it broke. */
  dropped: Array<{ file: string; problems: string[] }>;
  /** Repository-relative files the codemod changed through the Project (and kept). */
  changedFiles: string[];
}

export interface RunCodemodOptions {
  dir: string;
  migration: LoadedMigration;
  /** The workspace's Project (src/context/project.ts, with its sources added); the agent keeps using it. */
  project: Project;
  log: (level: 'info' | 'warn', message: string) => void;
  /** Called with the absolute paths the Project is about to write (src/pipeline/save-project.ts). */
  beforeSave?: (files: string[]) => void;
}

export function hasTarget(migration: LoadedMigration): boolean {
  const t = migration.definition.target;
  return t.modules.length > 0 || t.locate !== undefined;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** A leftover site as the codemod reported it, checked and made repository-relative. */
function normalizeLeftover(dir: string, site: LeftoverSite): LeftoverSite {
  const abs = path.resolve(dir, site.file);
  const rel = toPosix(path.relative(dir, abs));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`ctx.leave(): ${site.file} is outside the workspace`);
  const whole = (n: unknown): number => (Number.isInteger(n) && (n as number) >= 1 ? (n as number) : 1);
  return { file: rel, line: whole(site.line), column: whole(site.column), reason: String(site.reason ?? '').trim() || 'left by the codemod' };
}

function codemodFailed(migration: LoadedMigration, error: unknown): GodwitError {
  if (error instanceof GodwitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const id = migration.definition.id;
  return new GodwitError(
    'codemod-failed',
    `The codemod of migration ${id} threw: ${message}`,
    `Fix ${migration.dir ? `${migration.dir}/codemod.ts` : 'the codemod'}, then try it with \`godwit run ${id} <repo> --dry-run\`.`,
    { cause: error },
  );
}

export async function runCodemod(options: RunCodemodOptions): Promise<CodemodOutcome> {
  const { dir, migration, project, log } = options;
  const def = migration.definition;
  const targeted = hasTarget(migration);
  const sourcesBefore = new Set(project.getSourceFiles());
  const found = targeted ? await locateSites(project, def.target, dir) : [];
  // The locator parses files that mention the target into the Project; the codemod must see the
  // files the workspace's Project holds (its tsconfig's), not also the ones the locator read.
  if (targeted) for (const sf of project.getSourceFiles()) if (!sourcesBefore.has(sf)) project.removeSourceFile(sf);
  if (!def.codemod) return { found, handledByCodemod: 0, left: found, dropped: [], changedFiles: [] };

  const reported: LeftoverSite[] = [];
  try {
    await def.codemod(project, {
      dir,
      options: def.options,
      log: (message) => log('info', message),
      leave: (site) => reported.push(normalizeLeftover(dir, site)),
    });
  } catch (error) {
    throw codemodFailed(migration, error);
  }

  // The check: each changed source file alone, before vs after.
  const dropped: CodemodOutcome['dropped'] = [];
  const changedFiles: string[] = [];
  const options_ = project.getCompilerOptions();
  for (const sf of project.getSourceFiles()) {
    if (sf.isSaved()) continue;
    const abs = sf.getFilePath();
    const rel = toPosix(path.relative(dir, abs));
    if (rel.startsWith('..')) continue; // save-project refuses it
    const before = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
    const after = sf.getFullText();
    if (before === after) continue;
    const { problems } = checkFileChange(abs, before, after, options_);
    if (problems.length === 0) {
      changedFiles.push(rel);
      continue;
    }
    dropped.push({ file: rel, problems });
    log('warn', `${rel}: the codemod's change was dropped (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}); its sites go to the agent`);
    if (before === undefined) project.removeSourceFile(sf);
    else sf.replaceWithText(before);
  }
  await saveProjectInWorkspace(project, dir, (message) => log('warn', message), options.beforeSave);

  const droppedFiles = new Set(dropped.map((d) => d.file));
  const points: Array<LeftoverSite & { kind: string }> = reported.filter((s) => !droppedFiles.has(s.file)).map((s) => ({ ...s, kind: 'custom' }));
  for (const d of dropped) {
    const why = `the codemod's change to this file was dropped: ${d.problems[0]}; make the change by hand`;
    const here = found.filter((s) => s.file === d.file);
    if (here.length === 0) points.push({ file: d.file, line: 1, column: 1, reason: why, kind: 'custom' });
    for (const s of here) points.push({ file: s.file, line: s.line, column: s.column, reason: why, kind: s.kind });
  }
  let handledByCodemod = 0;
  if (targeted) {
    const remaining = await locateSites(project, def.target, dir);
    handledByCodemod = Math.max(0, found.length - remaining.length);
    const covered = new Set(points.map((p) => p.file));
    for (const s of remaining) {
      if (covered.has(s.file)) continue;
      points.push({ file: s.file, line: s.line, column: s.column, kind: s.kind, reason: `the codemod left this ${s.kind} of the migration's target unchanged` });
    }
  }
  const left = sitesAt(project, path.resolve(dir), points);
  return { found, handledByCodemod, left, dropped, changedFiles };
}

/** What a RunReport / eval case shows of a site left for the agent. */
export function briefSite(site: Site): { file: string; line: number; column: number; kind: string; reason?: string } {
  return { file: site.file, line: site.line, column: site.column, kind: site.kind, ...(site.reason !== undefined ? { reason: site.reason } : {}) };
}

/**
 * A repository's own godwit settings: `.godwit.json` at the root, or the `godwit` key of its
 * package.json (the file wins when both exist). Read from the base commit only — never from the
 * working tree — so a change cannot rewrite the rules it is judged by. Validated with zod; an
 * invalid file is a `config-invalid` error that names the file and the key.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GodwitError } from '../errors.js';
import { verifierOverridesSchema } from '../verify/overrides.js';
import { gitIn } from '../process/index.js';

export const repoSettingsSchema = z
  .object({
    /** Per verifier kind: a command, or false to skip it. */
    verify: verifierOverridesSchema.optional(),
  })
  .strict();
export type RepoSettings = z.infer<typeof repoSettingsSchema> & { source?: string };

function presentInCheckout(dir: string, file: string): boolean {
  try {
    lstatSync(path.join(dir, file));
    return true;
  } catch {
    return false;
  }
}

async function showAt(dir: string, commit: string, file: string): Promise<string | undefined> {
  // Called on the fresh checkout of `commit`, before any repository command ran: a file absent
  // from it is absent from the commit, and saves a git call. Its content still comes from git.
  if (!presentInCheckout(dir, file)) return undefined;
  try {
    return await gitIn(dir).raw(['show', `${commit}:${file}`]);
  } catch {
    return undefined;
  }
}

function parse(raw: unknown, source: string): RepoSettings {
  const parsed = repoSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new GodwitError('config-invalid', `The repository's godwit settings (${source}) are invalid: ${issues}`, 'Fix the file in the repository (see docs/configuration.md, "Per-repository settings"), or remove it.');
  }
  return { ...parsed.data, source };
}

export async function readRepoSettings(dir: string, baseCommit: string): Promise<RepoSettings | undefined> {
  const file = await showAt(dir, baseCommit, '.godwit.json');
  if (file !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(file);
    } catch (error) {
      throw new GodwitError('config-invalid', `The repository's .godwit.json is not valid JSON: ${(error as Error).message}`, 'Fix .godwit.json in the repository, or remove it.');
    }
    return parse(raw, '.godwit.json');
  }
  const pkgText = await showAt(dir, baseCommit, 'package.json');
  if (pkgText === undefined) return undefined;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(pkgText) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return pkg.godwit === undefined ? undefined : parse(pkg.godwit, 'package.json "godwit"');
}

/**
 * A repository's own godwit settings: `.godwit.json` at the root, or the `godwit` key of its
 * package.json (the file wins when both exist). Read from the base commit only — never from a
 * working tree a change or a repository command may have touched — so a change cannot rewrite
 * the rules it is judged by. Validated with zod; an
 * invalid file is a `config-invalid` error that names the file and the key.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GodwitError } from '../errors.js';
import { verifierOverridesSchema } from '../verify/overrides.js';
import { readBlobs } from '../process/index.js';

export const repoSettingsSchema = z
  .object({
    /** Per verifier kind: a command, or false to skip it. */
    verify: verifierOverridesSchema.optional(),
  })
  .strict();
export type RepoSettings = z.infer<typeof repoSettingsSchema> & {
  source?: string;
};

const FILES = ['.godwit.json', 'package.json'] as const;
type SettingsFile = (typeof FILES)[number];

/**
 * The two files' texts at `commit` (undefined: not a file there). From one `cat-file` process;
 * or, when the caller knows the working tree is a fresh, untouched checkout of `commit`,
 * straight from it for regular files (no git process at all) — a symlink still goes to git,
 * whose blob is the link text, not what it points at.
 */
async function readAtCommit(dir: string, commit: string, fromCheckout: boolean): Promise<Map<SettingsFile, string | undefined>> {
  const texts = new Map<SettingsFile, string | undefined>();
  const fromGit: SettingsFile[] = [];
  for (const file of FILES) {
    if (!fromCheckout) {
      fromGit.push(file);
      continue;
    }
    let st;
    try {
      st = lstatSync(path.join(dir, file));
    } catch {
      texts.set(file, undefined); // absent from the fresh checkout, so absent from the commit
      continue;
    }
    if (st.isFile()) texts.set(file, readFileSync(path.join(dir, file), 'utf8'));
    else fromGit.push(file);
  }
  if (fromGit.length) {
    const blobs = await readBlobs(dir, commit, fromGit).catch((error: unknown) => {
      if (error instanceof GodwitError) throw error; // e.g. sandbox-violation
      return new Map<string, string | undefined>();
    });
    for (const file of fromGit) texts.set(file, blobs.get(file));
  }
  return texts;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error as Error };
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

export interface ReadRepoSettingsOptions {
  /**
   * The working tree is a fresh checkout of `baseCommit` that no repository command has run in
   * yet (prepare, right after the clone): regular files are read from it without a git call.
   * Default false: read from git (a follow-up round has the PR branch checked out).
   */
  checkoutIsBase?: boolean;
}

export async function readRepoSettings(dir: string, baseCommit: string, options: ReadRepoSettingsOptions = {}): Promise<RepoSettings | undefined> {
  let texts = await readAtCommit(dir, baseCommit, options.checkoutIsBase === true);
  const parseAll = () =>
    FILES.map((file) => {
      const text = texts.get(file);
      return text === undefined ? undefined : parseJson(text);
    });
  let [settingsFile, pkgFile] = parseAll();
  // Bytes a checkout converted (a working-tree-encoding attribute) do not parse: ask git for the committed ones.
  if (options.checkoutIsBase && (settingsFile?.ok === false || pkgFile?.ok === false)) {
    texts = await readAtCommit(dir, baseCommit, false);
    [settingsFile, pkgFile] = parseAll();
  }
  if (settingsFile) {
    if (!settingsFile.ok) {
      throw new GodwitError('config-invalid', `The repository's .godwit.json is not valid JSON: ${settingsFile.error.message}`, 'Fix .godwit.json in the repository, or remove it.');
    }
    return parse(settingsFile.value, '.godwit.json');
  }
  if (!pkgFile?.ok || typeof pkgFile.value !== 'object' || pkgFile.value === null) return undefined;
  const godwit = (pkgFile.value as Record<string, unknown>).godwit;
  return godwit === undefined ? undefined : parse(godwit, 'package.json "godwit"');
}

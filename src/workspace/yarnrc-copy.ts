/**
 * berry loads the plugins its `.yarnrc.yml` lists (`plugins:`), and a `yarnPath` release, as
 * code — in the download step, which has the network. godwit points berry at a copy of the
 * file without those two keys (`YARN_RC_FILENAME`), written next to the original for the
 * step and removed after it, so relative paths in the file keep their meaning.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { GodwitError } from '../errors.js';
import { BERRY_RC_COPY } from './pm-commands.js';

const CODE_KEYS = ['plugins', 'yarnPath'];

/** Writes the plugin-free copy into `dir` and returns a function that removes it. */
export function writeBerryRcCopy(dir: string): () => void {
  const original = path.join(dir, '.yarnrc.yml');
  const copy = path.join(dir, BERRY_RC_COPY);
  let settings: Record<string, unknown> = {};
  if (existsSync(original)) {
    let parsed: unknown;
    try {
      parsed = YAML.parse(readFileSync(original, 'utf8'));
    } catch (error) {
      throw new GodwitError('install-failed', `.yarnrc.yml is not valid YAML: ${(error as Error).message}`, 'Fix .yarnrc.yml in the repository (yarn itself cannot read it either).');
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) settings = { ...(parsed as Record<string, unknown>) };
  }
  for (const key of CODE_KEYS) delete settings[key];
  writeFileSync(copy, YAML.stringify(settings));
  return () => rmSync(copy, { force: true });
}

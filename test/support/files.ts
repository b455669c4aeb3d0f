/**
 * Walking the folders a run wrote, for leak scans. godwit moves an ended run's folder into
 * `<workdir>/trash` and deletes it in a detached `rm -rf` (src/workspace/workspace.ts), so a
 * walk during that deletion would race it: `filesUnder` first waits until every such trash
 * folder is empty (what was there is gone, as a synchronous delete would have left it).
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Folders named `trash` beside a `runs` folder (godwit workdirs) under `dir`. */
function trashFolders(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return; // vanished while we looked (the deletion this waits for)
    }
    if (names.includes('trash') && names.includes('runs')) found.push(path.join(d, 'trash'));
    for (const name of names) {
      if (name === 'trash' || name === 'node_modules' || name === '.git') continue;
      const p = path.join(d, name);
      try {
        if (lstatSync(p).isDirectory()) walk(p);
      } catch {
        // vanished
      }
    }
  };
  walk(dir);
  return found;
}

async function waitForEmptyTrash(dir: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const trash of trashFolders(dir)) {
    while (existsSync(trash) && readdirSync(trash).length > 0) {
      if (Date.now() > deadline) throw new Error(`${trash} was not emptied within ${timeoutMs} ms: godwit's clean-up of ended runs did not finish`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Every regular file under `dir` (symlinks not followed; `maxBytes`: larger files left out), once ended runs are deleted. */
export async function filesUnder(dir: string, options: { maxBytes?: number } = {}): Promise<string[]> {
  if (!existsSync(dir)) return [];
  await waitForEmptyTrash(dir);
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && (options.maxBytes === undefined || lstatSync(p).size < options.maxBytes)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

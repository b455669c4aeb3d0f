/**
 * Many files' texts at one commit from a single `git cat-file --batch` process, instead of one
 * `git show <commit>:<path>` per file: every git process forked from a worker that holds
 * ts-morph costs tens of milliseconds of its main thread (issue 17). Same argv and environment
 * rules as every other git call: it runs through git.ts's runner.
 */
import { runGitBytes } from './git.js';

const HEADER = /^[0-9a-f]+ (\w+) (\d+)$/;

/**
 * `path → text` at `commit`; a path that is not a file there (missing, a folder) maps to
 * undefined. A path with a line break cannot be named in batch input: it is left out of the
 * map (callers fall back to `git show`).
 */
export async function readBlobs(cwd: string, commit: string, paths: ReadonlyArray<string>, signal?: AbortSignal): Promise<Map<string, string | undefined>> {
  const texts = new Map<string, string | undefined>();
  const wanted = [...new Set(paths)].filter((p) => !/[\r\n]/.test(p));
  if (wanted.length === 0) return texts;
  const out = await runGitBytes(cwd, ['cat-file', '--batch'], wanted.map((p) => `${commit}:${p}\n`).join(''), signal ? { signal } : {});
  let pos = 0;
  for (const p of wanted) {
    const eol = out.indexOf(0x0a, pos);
    if (eol < 0) break;
    const header = HEADER.exec(out.toString('utf8', pos, eol));
    pos = eol + 1;
    if (!header) {
      texts.set(p, undefined); // "<commit>:<path> missing"
      continue;
    }
    const size = Number(header[2]);
    texts.set(p, header[1] === 'blob' ? out.toString('utf8', pos, pos + size) : undefined);
    pos += size + 1; // the content, then a newline
  }
  return texts;
}

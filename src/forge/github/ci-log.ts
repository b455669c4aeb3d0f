/**
 * Trims a CI job log to its failing part for the agent: GitHub's timestamps and ANSI colours
 * go, the lines around each error (tsc, eslint, test runners, `##[error]`) stay, token-shaped
 * strings are masked, and the result fits `maxChars`. A log without a recognisable error
 * keeps its tail, where runners print their summary.
 */

const ERROR_LINE =
  /##\[error\]|\berror\s+TS\d+|\bTS\d{4,5}:|(^|\s)error\b|\bERR!|\bFAIL\b|✗|×|\bfailed\b|AssertionError|Error:|\bexpected\b.*\breceived\b/i;
const NOISE = /^##\[(group|endgroup)\]|^Post job cleanup|^Cleaning up orphan processes/;
// ESC [ … letter: terminal colour codes in CI logs.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,}|sk-[A-Za-z0-9_-]{20,}|v1\.[0-9a-f]{40})\b/g;

export function cleanLogLine(line: string): string {
  return line
    .replace(ANSI, '')
    .replace(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\s?/, '')
    .replace(TOKEN_SHAPES, '***')
    .trimEnd();
}

export function trimFailureLog(log: string, maxChars = 12_000, context = { before: 3, after: 12 }): string {
  const lines = log.split(/\r?\n/).map(cleanLogLine).filter((l) => !NOISE.test(l));
  const hits = lines.flatMap((l, i) => (ERROR_LINE.test(l) ? [i] : []));
  if (hits.length === 0) {
    const tail = lines.slice(-80).join('\n');
    return tail.length > maxChars ? tail.slice(-maxChars) : tail;
  }
  const ranges: Array<[number, number]> = [];
  for (const i of hits) {
    const from = Math.max(0, i - context.before);
    const to = Math.min(lines.length, i + context.after + 1);
    const last = ranges.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  let out = '';
  for (const [from, to] of ranges) {
    const chunk = `${from > 0 ? '…\n' : ''}${lines.slice(from, to).join('\n')}\n`;
    if (out.length + chunk.length > maxChars) {
      out += chunk.slice(0, Math.max(0, maxChars - out.length - 20)) + '\n… (log trimmed)';
      break;
    }
    out += chunk;
  }
  return out.trimEnd();
}

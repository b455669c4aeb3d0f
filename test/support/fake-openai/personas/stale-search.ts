/**
 * stale-search: copies search text from a slightly different version of the file — other
 * indentation, doubled spaces, a tab, double quotes instead of single ones. When godwit says
 * the search is not found and quotes the real lines, it copies those and sends the edit again.
 */
import type { RecordedRequest } from '../server.js';
import { edit, lastToolResults, Persona, read, finish, type EditStep, type Turn } from './base.js';

/** Whitespace drift (tolerated by godwit) for most edits, quote drift (not tolerated) for one. */
function stale(e: EditStep, i: number): EditStep {
  if (i === 1 && e.search.includes("'")) return { ...e, search: e.search.replaceAll("'", '"') };
  const drifted = e.search
    .split('\n')
    .map((l) => (l.trim() ? `${l.startsWith('  ') ? '\t' : '  '}${l.trimStart().replace(/ /g, i % 2 ? '  ' : ' ')}  ` : l))
    .join('\n');
  return { ...e, search: drifted };
}

export class StaleSearch extends Persona {
  private readonly exact = new Map<string, EditStep>();

  protected override plan(): Turn[] {
    const turns: Turn[] = [];
    let n = 0;
    for (const file of this.task.files) {
      turns.push([read(file.path)]);
      turns.push(
        file.edits.map((e) => {
          const s = stale(e, n++);
          this.exact.set(JSON.stringify(s), e);
          return edit(s);
        }),
      );
    }
    turns.push([finish(this.task.report)]);
    return turns;
  }

  protected override react(request: RecordedRequest): void {
    const results = lastToolResults(request);
    const retry = this.lastCalls
      .map((c, i) => ({ c, result: results[i] ?? '' }))
      .filter(({ result }) => /not found|not in the file/.test(result))
      .map(({ c }) => this.exact.get(JSON.stringify(c.arguments)))
      .filter((e): e is EditStep => e !== undefined);
    if (retry.length) this.queue.unshift(retry.map(edit));
  }
}

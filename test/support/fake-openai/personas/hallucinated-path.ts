/**
 * hallucinated-path: works on files that do not exist — a module layout it imagined
 * (src/lib/…, src/utils/…) — and never switches to the real paths godwit suggests.
 */
import { call, finish, Persona, type Turn } from './base.js';

const IMAGINED = ['src/lib/math.ts', 'src/utils/math.ts', 'lib/math.ts', 'src/math/index.ts', 'src/core/math.ts', 'packages/math/src/index.ts'];

export class HallucinatedPath extends Persona {
  protected override plan(): Turn[] {
    const first = this.task.files[0]!.edits[0]!;
    const turns: Turn[] = [[call('read_file', { path: 'src/helpers/math.ts', startLine: null, endLine: null })]];
    for (const path of IMAGINED) turns.push([call('edit_file', { path, search: first.search, replace: first.replace })]);
    turns.push([finish(this.task.report)]);
    return turns;
  }
}

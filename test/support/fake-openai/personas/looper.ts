/**
 * looper: does the first file right, then sends the same failing edit over and over — the
 * search text of an older version of the file — whatever godwit answers.
 */
import { edit, finish, Persona, read, type Turn } from './base.js';

export class Looper extends Persona {
  protected override plan(): Turn[] {
    const [first, second] = this.task.files;
    const stuck = { ...second!.edits[0]!, search: `${second!.edits[0]!.search.replace(/\.js'/, "'")}\n// old version` };
    const turns: Turn[] = [[read(first!.path)], first!.edits.map(edit)];
    for (let i = 0; i < 12; i++) turns.push([edit(stuck)]);
    turns.push([finish(this.task.report)]);
    return turns;
  }
}

/**
 * quitter: first answers in prose that the change "looks complete" without touching a tool,
 * then edits one file and calls finish while the callers are still broken. After godwit's
 * answer to each, it does the rest of the work.
 */
import { cooperativeTurns, edit, finish, Persona, read, type Turn } from './base.js';

export class Quitter extends Persona {
  protected override plan(): Turn[] {
    const [first] = this.task.files;
    const rest = cooperativeTurns({ ...this.task, files: this.task.files.slice(1) });
    return [
      { prose: 'I looked at the repository. The rename is straightforward and the code already reads well; I believe the migration is complete.' },
      [read(first!.path)],
      [...first!.edits.map(edit), finish('Renamed the function. Done.')],
      ...rest,
    ];
  }
}


/**
 * scope-creeper: does the task, and with every edit also "tidies" a file outside the
 * migration's scope (reformatting it, loosening a setting) — and keeps insisting.
 */
import { call, cooperativeTurns, Persona, type Turn } from './base.js';

export class ScopeCreeper extends Persona {
  protected override plan(): Turn[] {
    const { path, content } = this.task.outOfScope;
    return cooperativeTurns(this.task).map((turn, i) =>
      Array.isArray(turn) && turn.some((c) => c.name === 'edit_file')
        ? [...turn, call('create_file', { path, content: `${content}\n// tidied (${i})\n` })]
        : turn,
    );
  }
}

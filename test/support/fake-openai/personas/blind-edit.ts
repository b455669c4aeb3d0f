/**
 * blind-edit: never reads a file before changing it. It guesses the search text (a parameter
 * renamed, as it "remembers" the code) and overwrites a whole file with create_file. When
 * godwit refuses and returns the file's current text, it makes the edit from that text.
 */
import type { RecordedRequest } from '../server.js';
import { call, edit, finish, lastToolResults, Persona, type EditStep, type Turn } from './base.js';
import type { ScriptedToolCall } from '../server.js';

export class BlindEdit extends Persona {
  private readonly corrected = new Map<string, ScriptedToolCall[]>();

  protected override plan(): Turn[] {
    const [first, ...rest] = this.task.files;
    const blind: ScriptedToolCall[] = [];
    for (const file of first ? [first] : []) {
      // A guessed search: the code it "remembers" is not the file's.
      const guess: EditStep = { ...file.edits[0]!, search: file.edits[0]!.search.replace(/\(/, '(/* guessed */ ') };
      this.corrected.set(JSON.stringify(edit(guess).arguments), file.edits.map(edit));
      blind.push(edit(guess));
    }
    for (const file of rest) {
      // A whole-file overwrite with content written from memory.
      const content = `// ${file.path}, rewritten from memory\nexport {};\n`;
      const overwrite = call('create_file', { path: file.path, content });
      this.corrected.set(JSON.stringify(overwrite.arguments), file.edits.map(edit));
      blind.push(overwrite);
    }
    return [blind, [finish(this.task.report)]];
  }

  protected override react(request: RecordedRequest): void {
    const results = lastToolResults(request);
    const fixes = this.lastCalls
      .map((c, i) => ({ c, result: results[i] ?? '' }))
      .filter(({ result }) => /You had not read/.test(result))
      .flatMap(({ c }) => this.corrected.get(JSON.stringify(c.arguments)) ?? []);
    if (fixes.length) this.queue.unshift(fixes);
  }
}

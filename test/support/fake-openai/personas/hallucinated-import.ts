/**
 * hallucinated-import: "fixes" a caller by importing the function from a package that is not
 * installed (mathjs), and never lets go of it: later rounds only add comments around the
 * import while the type checker keeps saying the module cannot be found.
 */
import { call, edit, finish, Persona, read, type Turn } from './base.js';

export class HallucinatedImport extends Persona {
  protected override plan(): Turn[] {
    const [first, second, third] = this.task.files;
    const [importEdit, useEdit] = second!.edits;
    const imported = { ...importEdit!, replace: "import { sum } from 'mathjs';" };
    const turns: Turn[] = [[read(first!.path)], first!.edits.map(edit), [read(second!.path)], [edit(imported), edit(useEdit!)], [read(third!.path)], third!.edits.map(edit)];
    for (let i = 1; i <= 6; i++) {
      turns.push([call('edit_file', { path: second!.path, search: "import { sum } from 'mathjs';", replace: `// sum comes from mathjs (attempt ${i})\nimport { sum } from 'mathjs';` })]);
      turns.push([read(second!.path)]);
    }
    turns.push([finish(this.task.report)]);
    return turns;
  }
}

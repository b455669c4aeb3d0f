/**
 * The fenced SEARCH/REPLACE text format for models without tool support (as in Aider):
 *
 *     path/to/file.ts
 *     <<<<<<< SEARCH
 *     exact old text
 *     =======
 *     new text
 *     >>>>>>> REPLACE
 *
 * An empty SEARCH creates (or overwrites) the file. Blocks are parsed, then applied through
 * the same tools as tool calls, so the same confinement and feedback apply. A reply without
 * any block means the model is done; its text is the final report.
 */
import { runTool, type ToolContext, type ToolProblem } from '../tools/index.js';

export interface TextEdit {
  path: string;
  search: string;
  replace: string;
}

export interface ParsedReply {
  edits: TextEdit[];
  /** Problems with the format itself (unterminated block, missing file name). */
  errors: string[];
}

const SEARCH = /^\s*<{5,9} ?SEARCH\s*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE = /^\s*>{5,9} ?REPLACE\s*$/;
const FENCE = /^\s*```/;

function cleanPath(line: string): string {
  return line.trim().replace(/^[#*`\s]+|[*`:\s]+$/g, '').trim();
}

export function parseSearchReplace(text: string): ParsedReply {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const edits: TextEdit[] = [];
  const errors: string[] = [];
  let lastPath: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!SEARCH.test(lines[i]!)) continue;
    let path: string | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const candidate = lines[j]!;
      if (candidate.trim() === '' || FENCE.test(candidate)) continue;
      if (REPLACE.test(candidate)) break;
      path = cleanPath(candidate);
      break;
    }
    path = path || lastPath;
    const start = i + 1;
    let divider = -1;
    let end = -1;
    for (let j = start; j < lines.length; j++) {
      if (divider === -1 && DIVIDER.test(lines[j]!)) divider = j;
      else if (divider !== -1 && REPLACE.test(lines[j]!)) {
        end = j;
        break;
      }
    }
    if (divider === -1 || end === -1) {
      errors.push(`block starting at line ${i + 1} is not terminated (needs ======= and >>>>>>> REPLACE)`);
      break;
    }
    if (!path) errors.push(`block at line ${i + 1} has no file path on the line before <<<<<<< SEARCH`);
    else {
      const join = (from: number, to: number): string => (to > from ? `${lines.slice(from, to).join('\n')}\n` : '');
      edits.push({ path, search: join(start, divider), replace: join(divider + 1, end) });
      lastPath = path;
    }
    i = end;
  }
  return { edits, errors };
}

export interface AppliedTextEdit {
  edit: TextEdit;
  kind: 'applied' | 'refused' | 'read' | 'finish' | 'invalid';
  output: string;
  problem?: ToolProblem;
  path?: string;
}

export async function applyTextEdits(edits: ReadonlyArray<TextEdit>, ctx: ToolContext): Promise<AppliedTextEdit[]> {
  const out: AppliedTextEdit[] = [];
  for (const edit of edits) {
    const outcome =
      edit.search === ''
        ? await runTool('create_file', JSON.stringify({ path: edit.path, content: edit.replace }), ctx)
        : await runTool('edit_file', JSON.stringify(edit), ctx);
    out.push({ edit, kind: outcome.kind, output: outcome.output, ...(outcome.problem ? { problem: outcome.problem } : {}), ...(outcome.path ? { path: outcome.path } : {}) });
  }
  return out;
}

/** Instructions for the text format, appended to the system prompt when tools are off. */
export const SEARCH_REPLACE_INSTRUCTIONS = `Answer with edits in this exact format, one block per change:

path/to/file.ts
<<<<<<< SEARCH
exact lines currently in the file (enough to match exactly one place)
=======
the lines that replace them
>>>>>>> REPLACE

An empty SEARCH section creates the file with the REPLACE content. You cannot read files or delete files in this mode; the context below holds the code.
When the migration is complete, answer WITHOUT any block: your answer is then the final report (what you changed, what was unclear).`;

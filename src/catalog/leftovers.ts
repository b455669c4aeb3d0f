/**
 * Helpers for codemods that report leftover sites (`ctx.leave`, definition.ts). Most catalog
 * codemods compute text edits on the original AST and apply them at once; a leftover found
 * during that walk has an offset in the ORIGINAL text, while the agent reads the file as the
 * codemod left it. `leftoversAfterEdits` moves such offsets through the edits and turns them
 * into 1-based line/column positions in the new text.
 */

/** A replacement of `[start, end)` of the original text by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A leftover inside one file: an offset in the original text and why the codemod left it. */
export interface PendingLeftover {
  pos: number;
  reason: string;
}

/** A leftover inside one file, positioned in the file's new text (1-based). */
export interface FileLeftover {
  line: number;
  column: number;
  reason: string;
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/**
 * Where offset `pos` of the original text is after `edits` (non-overlapping) were applied.
 * A position inside a replaced range maps to the start of its replacement.
 */
export function mapOffset(pos: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  let inside: TextEdit | undefined;
  for (const e of edits) {
    // Edits that end at or before pos shift it (an insertion at pos lands before it).
    if (e.end <= pos) delta += e.text.length - (e.end - e.start);
    else if (e.start < pos) inside = e;
  }
  return (inside ? inside.start : pos) + delta;
}

/** Positions `pending` leftovers in `newText`, the result of applying `edits` to the original text. */
export function leftoversAfterEdits(pending: readonly PendingLeftover[], edits: readonly TextEdit[], newText: string): FileLeftover[] {
  return pending.map((l) => ({ ...lineColumnAt(newText, mapOffset(l.pos, edits)), reason: l.reason }));
}

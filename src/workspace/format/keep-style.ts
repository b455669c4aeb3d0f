/**
 * Without a Prettier, keep each changed file in its own style: on the lines the change added
 * (never on untouched lines), module specifiers get the file's dominant quote, and import/export
 * statements its semicolon habit. Enough for what codemods write (`import { vi } from 'vitest';`
 * into a double-quoted, semicolon-free file).
 */
import { diffLines } from 'diff';

interface Style {
  quote: '"' | "'" | undefined;
  semicolons: boolean | undefined;
}

const IMPORT_LINE = /^\s*(?:import\b|export\b[^=]*\bfrom\b|\}\s*from\b|(?:const|let|var)\s[^=]+=\s*require\()/;
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*|^\s*import\s+)(['"])([^'"\n]*)\2/g;

function count(lines: ReadonlyArray<string>, quotes: RegExp): Style {
  let single = 0;
  let double = 0;
  let withSemi = 0;
  let withoutSemi = 0;
  for (const line of lines) {
    for (const m of line.matchAll(quotes)) {
      if (m[2] === '"') double++;
      else single++;
    }
    const trimmed = line.trimEnd();
    if (/[\w'")\]]$/.test(trimmed) && !/^\s*(?:\/\/|\*|\/\*)/.test(trimmed)) withoutSemi++;
    else if (/[\w'")\]];$/.test(trimmed)) withSemi++;
  }
  return {
    quote: single + double === 0 ? undefined : double > single ? '"' : "'",
    semicolons: withSemi + withoutSemi === 0 ? undefined : withSemi >= withoutSemi,
  };
}

/** The file's habits from its import lines, or from all its lines when it has none. */
export function detectStyle(text: string): Style {
  const lines = text.split('\n');
  const imports = lines.filter((l) => IMPORT_LINE.test(l));
  if (imports.length) return count(imports, SPECIFIER);
  return count(lines, /()(['"])((?:\\.|(?!\2)[^\\\n])*)\2/g);
}

function restyleLine(line: string, style: Style): string {
  if (!IMPORT_LINE.test(line)) return line;
  let out = line;
  if (style.quote) out = out.replace(SPECIFIER, (_m, lead: string, _q: string, spec: string) => `${lead}${style.quote}${spec}${style.quote}`);
  if (style.semicolons === false) out = out.replace(/(['")]);(\s*)$/, '$1$2');
  else if (style.semicolons === true) out = out.replace(/(['")])(\s*)$/, '$1;$2');
  return out;
}

/** `current` with the added lines in `original`'s style; untouched lines stay byte for byte. */
export function keepStyle(original: string, current: string): string {
  const style = detectStyle(original);
  if (!style.quote && style.semicolons === undefined) return current;
  let out = '';
  for (const part of diffLines(original, current)) {
    if (part.removed) continue;
    out += part.added ? part.value.split('\n').map((l) => restyleLine(l, style)).join('\n') : part.value;
  }
  return out;
}

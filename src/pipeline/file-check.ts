/**
 * The in-loop check of one file a codemod changed: does it still parse, and does it have a
 * TypeScript diagnostic it did not have before? Each side is checked alone — no lib files, no
 * module resolution, no other file — so the check costs milliseconds and sees what a codemod
 * can break by itself: syntax, duplicate declarations (TS2300), several default exports
 * (TS2528), `await` outside an async function, a name used without its import. Diagnostics
 * that only come from checking a file alone (unresolved modules, missing lib globals, implicit
 * any) are left out, and the rest compare as a multiset of code + message, without positions.
 */
import { ts } from 'ts-morph';
import { inMemoryProgram, sourceFileOptions } from '../context/index.js';

/** Codes that a file checked alone gets whatever the codemod does. */
const ALONE_ONLY = new Set([
  2307, 2792, 2875, 7016, // cannot find module / its declarations
  2318, 2468, 2583, 2584, 2585, // global types and values of the lib
  2697, 2705, 2711, 2712, // async/await needs the lib's Promise
  2802, 2550, 2551, // lib target features
  1343, 1378, 1432, // import.meta / top-level await depend on module settings checked by the gate
  2688, 2664, 2882, // type definitions, module augmentations, side-effect imports
  2580, 2582, 2591, 2593, // Node's and test runners' globals need their @types
]);

/** `import.meta.url` & co.: ImportMeta's properties come from the lib / @types/node. */
const onImportMeta = (d: ts.Diagnostic): boolean =>
  d.code === 2339 && d.file !== undefined && d.start !== undefined && /\bimport\s*\.\s*meta\s*\.\s*$/.test(d.file.text.slice(Math.max(0, d.start - 40), d.start));

function relevant(d: ts.Diagnostic): boolean {
  if (ALONE_ONLY.has(d.code) || onImportMeta(d)) return false;
  // noImplicitAny and friends: without lib and dependencies every value is `any`.
  if (d.code >= 7000 && d.code < 8000) return false;
  return d.category === ts.DiagnosticCategory.Error;
}

interface Diagnostics {
  syntax: ts.Diagnostic[];
  semantic: ts.Diagnostic[];
}

function diagnose(fileName: string, text: string, options: ts.CompilerOptions): Diagnostics {
  // With its module format (package.json "type", .mts/.cts), as tsc parses it: under nodenext
  // `import.meta` is TS1470 in a CommonJS file only.
  const sf = ts.createSourceFile(fileName, text, sourceFileOptions(fileName, options), true, scriptKind(fileName));
  const program = inMemoryProgram([sf], options);
  const syntax = [...program.getSyntacticDiagnostics(sf)];
  // A file that does not parse is not worth type-checking.
  const semantic = syntax.length > 0 ? [] : program.getSemanticDiagnostics(sf).filter(relevant);
  return { syntax, semantic };
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  if (/\.json$/.test(fileName)) return ts.ScriptKind.JSON;
  return ts.ScriptKind.TS;
}

const key = (d: ts.Diagnostic): string => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;

function describe(d: ts.Diagnostic): string {
  const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  return `${pos ? `${pos.line + 1}:${pos.character + 1} ` : ''}${key(d)}`;
}

/** Diagnostics of `after` not in `before` (as a multiset), each once. */
function added(before: readonly ts.Diagnostic[], after: readonly ts.Diagnostic[]): ts.Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of before) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  const out: ts.Diagnostic[] = [];
  for (const d of after) {
    const n = counts.get(key(d)) ?? 0;
    if (n > 0) counts.set(key(d), n - 1);
    else out.push(d);
  }
  return out;
}

export interface FileProblems {
  /** `line:column TSxxxx: message` in the codemod's output; empty when the change may stay. */
  problems: string[];
  /** The first problem's 1-based line/column in the codemod's output. */
  at?: { line: number; column: number };
}

/**
 * What the codemod's change to one file broke. `before` is undefined for a file the codemod
 * created. Only source files are checked (other files: no problems).
 */
export function checkFileChange(fileName: string, before: string | undefined, after: string, options: ts.CompilerOptions): FileProblems {
  if (!/\.[cm]?[jt]sx?$/.test(fileName) || /\.d\.[cm]?ts$/.test(fileName)) return { problems: [] };
  const now = diagnose(fileName, after, options);
  if (now.syntax.length === 0 && now.semantic.length === 0) return { problems: [] };
  const then = before === undefined ? { syntax: [], semantic: [] } : diagnose(fileName, before, options);
  const fresh = now.syntax.length > then.syntax.length ? now.syntax : added(then.semantic, now.semantic);
  if (fresh.length === 0) return { problems: [] };
  const first = fresh[0]!;
  const pos = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
  return { problems: fresh.map(describe), ...(pos ? { at: { line: pos.line + 1, column: pos.character + 1 } } : {}) };
}

import { realpathSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkPath } from '../safe-path.js';
import type { Tool } from './types.js';

const MAX_REFERENCES = 50;

const schema = z
  .object({
    path: z.string().min(1).describe('Repository-relative path'),
    line: z.number().int().positive().describe('1-based line'),
    column: z.number().int().positive().describe('1-based column of the identifier'),
  })
  .strict();

export const findReferencesTool: Tool<z.infer<typeof schema>> = {
  name: 'find_references',
  description: 'List the references (file:line:column and the line) of the identifier at a 1-based line and column.',
  schema,
  writes: false,
  async handle(args, ctx) {
    const checked = checkPath(ctx.root, args.path, { write: false });
    if (!checked.ok) return { kind: 'invalid', output: `Error: ${checked.reason}` };
    if (!ctx.project) return { kind: 'invalid', output: 'Error: find_references is not available for this repository (no TypeScript project).' };
    const sourceFile = ctx.project.getSourceFile(checked.abs) ?? ctx.project.addSourceFileAtPathIfExists(checked.abs);
    if (!sourceFile) return { kind: 'invalid', output: `Error: ${checked.rel} is not a TypeScript/JavaScript file of the project` };
    await sourceFile.refreshFromFileSystem();
    const lineCount = sourceFile.getEndLineNumber();
    if (args.line > lineCount) return { kind: 'invalid', output: `Error: ${checked.rel} has only ${lineCount} lines` };
    let pos: number;
    try {
      pos = sourceFile.compilerNode.getPositionOfLineAndCharacter(args.line - 1, args.column - 1);
    } catch {
      return { kind: 'invalid', output: `Error: column ${args.column} is beyond line ${args.line}` };
    }
    const node = sourceFile.getDescendantAtPos(pos);
    if (!node) return { kind: 'invalid', output: `Error: nothing at ${checked.rel}:${args.line}:${args.column}` };
    const rootReal = realpathSync(ctx.root);
    const relOf = (abs: string): string =>
      path.relative(abs.startsWith(rootReal) ? rootReal : ctx.root, abs).split(path.sep).join('/');
    let refs;
    try {
      refs = ctx.project.getLanguageService().findReferencesAsNodes(node);
    } catch {
      return { kind: 'read', output: `No references: ${checked.rel}:${args.line}:${args.column} is not an identifier.` };
    }
    const lines = refs
      .filter((r) => !r.getSourceFile().getFilePath().includes('/node_modules/'))
      .map((r) => {
        const file = relOf(r.getSourceFile().getFilePath());
        const { line, column } = r.getSourceFile().getLineAndColumnAtPos(r.getStart());
        const text = r.getSourceFile().getFullText().split('\n')[line - 1]?.trim() ?? '';
        return `${file}:${line}:${column}: ${text}`;
      });
    if (lines.length === 0) return { kind: 'read', output: `No references found for ${checked.rel}:${args.line}:${args.column}.` };
    const shown = lines.slice(0, MAX_REFERENCES).join('\n');
    return { kind: 'read', output: `${lines.length} reference(s):\n${shown}${lines.length > MAX_REFERENCES ? `\n… ${lines.length - MAX_REFERENCES} more` : ''}` };
  },
};

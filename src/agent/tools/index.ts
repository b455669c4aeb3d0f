/**
 * The agent's tools, by name. The names are fixed so that transcripts are comparable across
 * models. `runTool` validates the model's arguments (JSON, then zod) and feeds every
 * problem back as the tool result instead of throwing.
 */
import { formatZodIssues } from '../../errors.js';
import { capToolResult, DEFAULT_MAX_RESULT_BYTES } from './cap.js';
import { createFileTool } from './create-file.js';
import { deleteFileTool } from './delete-file.js';
import { editFileTool } from './edit-file.js';
import { findReferencesTool } from './find-references.js';
import { finishTool } from './finish.js';
import { readFileTool } from './read-file.js';
import type { Tool, ToolContext, ToolOutcome } from './types.js';

export const TOOLS: ReadonlyArray<Tool> = [
  readFileTool,
  editFileTool,
  createFileTool,
  deleteFileTool,
  findReferencesTool,
  finishTool,
] as ReadonlyArray<Tool>;

export const TOOL_NAMES = TOOLS.map((t) => t.name);

/** Runs one call; its output is capped at `ctx.maxResultBytes` (default 64 KB). */
export async function runTool(name: string, rawArguments: string, ctx: ToolContext): Promise<ToolOutcome & { tool?: Tool }> {
  const outcome = await runUncapped(name, rawArguments, ctx);
  return { ...outcome, output: capToolResult(outcome.output, ctx.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES) };
}

async function runUncapped(name: string, rawArguments: string, ctx: ToolContext): Promise<ToolOutcome & { tool?: Tool }> {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) {
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    return { kind: 'invalid', problem: 'unknown-tool', output: `Error: unknown tool "${shown}". Available tools: ${TOOL_NAMES.join(', ')}.` };
  }
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(rawArguments || '{}');
  } catch (error) {
    return {
      tool,
      kind: tool.writes ? 'refused' : 'invalid',
      problem: 'malformed-arguments',
      output: `Error: the arguments of ${name} are not valid JSON (${(error as Error).message}). Send a JSON object matching the tool's schema.`,
    };
  }
  const parsed = tool.schema.safeParse(parsedJson);
  if (!parsed.success) {
    return {
      tool,
      kind: tool.writes ? 'refused' : 'invalid',
      problem: 'malformed-arguments',
      output: `Error: invalid arguments for ${name}:\n${formatZodIssues(parsed.error.issues)}`,
    };
  }
  try {
    return { tool, ...(await tool.handle(parsed.data, ctx)) };
  } catch (error) {
    return { tool, kind: tool.writes ? 'refused' : 'invalid', problem: 'other', output: `Error: ${name} failed: ${(error as Error).message}` };
  }
}

export { toOpenAiTool, DEFAULT_MAX_FILE_BYTES, type Tool, type ToolContext, type ToolOutcome, type ToolProblem } from './types.js';
export { capToolResult } from './cap.js';

/**
 * The agent's tools, by name. The names are fixed so that transcripts are comparable across
 * models. `runTool` validates the model's arguments (JSON, then zod) and feeds every
 * problem back as the tool result instead of throwing.
 */
import { formatZodIssues } from '../../errors.js';
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

export async function runTool(name: string, rawArguments: string, ctx: ToolContext): Promise<ToolOutcome & { tool?: Tool }> {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) return { kind: 'invalid', output: `Error: unknown tool "${name}". Available tools: ${TOOL_NAMES.join(', ')}.` };
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(rawArguments || '{}');
  } catch (error) {
    return {
      tool,
      kind: tool.writes ? 'refused' : 'invalid',
      output: `Error: the arguments of ${name} are not valid JSON (${(error as Error).message}). Send a JSON object matching the tool's schema.`,
    };
  }
  const parsed = tool.schema.safeParse(parsedJson);
  if (!parsed.success) {
    return {
      tool,
      kind: tool.writes ? 'refused' : 'invalid',
      output: `Error: invalid arguments for ${name}:\n${formatZodIssues(parsed.error.issues)}`,
    };
  }
  try {
    return { tool, ...(await tool.handle(parsed.data, ctx)) };
  } catch (error) {
    return { tool, kind: tool.writes ? 'refused' : 'invalid', output: `Error: ${name} failed: ${(error as Error).message}` };
  }
}

export { toOpenAiTool, DEFAULT_MAX_FILE_BYTES, type Tool, type ToolContext, type ToolOutcome } from './types.js';

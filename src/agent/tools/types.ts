/** What every tool handler sees and returns. */
import type { Project } from 'ts-morph';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import type { Scope } from '../safe-path.js';
import { strictJsonSchema } from './json-schema.js';

export interface ToolContext {
  /** Absolute workspace root. */
  readonly root: string;
  readonly scope: Scope;
  /** The workspace's ts-morph Project (find_references); optional. */
  readonly project?: Project;
  /** Repository-relative paths written or deleted so far (filled by the handlers). */
  readonly changed: Set<string>;
  /** Size cap for create_file/edit results, in bytes. */
  readonly maxFileBytes: number;
  /** Cap on every tool result sent back to the model, in bytes (default 64 KB). */
  readonly maxResultBytes?: number;
  /**
   * Files whose current text the model has seen (read_file, a file it wrote). When set, a
   * write that depends on unseen text is refused and the file's text is returned instead
   * (read-before-write).
   */
  readonly seen?: Set<string>;
}

/** What went wrong with a call, for the loop's misbehaviour tracking. */
export type ToolProblem =
  | 'missing-path'
  | 'outside-scope'
  | 'unsafe-path'
  | 'search-not-found'
  | 'search-ambiguous'
  | 'unread-file'
  | 'malformed-arguments'
  | 'unknown-tool'
  | 'too-large'
  | 'other';

export interface ToolOutcome {
  /** Text fed back to the model as the tool result. */
  output: string;
  /** `applied`/`refused` for write tools; `read` for read-only tools; `finish` for finish. */
  kind: 'applied' | 'refused' | 'read' | 'finish' | 'invalid';
  /** finish: the model's final report. */
  report?: string;
  /** Set when the call did not do what the model asked. */
  problem?: ToolProblem;
  /** The repository-relative path the call was about, when known. */
  path?: string;
}

export interface Tool<A = unknown> {
  name: string;
  description: string;
  /** Validates the model's arguments; also the source of the JSON schema sent to the model (`strictJsonSchema`). */
  schema: z.ZodType<A>;
  /** Writes files (so refusals count as refused edits). */
  writes: boolean;
  handle(args: A, ctx: ToolContext): Promise<ToolOutcome> | ToolOutcome;
}

export function toOpenAiTool(tool: Tool): ChatCompletionFunctionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: strictJsonSchema(tool.schema), strict: true } };
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

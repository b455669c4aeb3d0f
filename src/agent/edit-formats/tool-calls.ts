/**
 * The tool-call edit format: the model's tool calls are run through the tools (validated,
 * confined, applied) and each result becomes the `tool` message answering that call.
 */
import type { ToolCall } from '../llm-client.js';
import { runTool, type ToolContext, type ToolProblem } from '../tools/index.js';

export interface AppliedCall {
  call: ToolCall;
  kind: 'applied' | 'refused' | 'read' | 'finish' | 'invalid';
  output: string;
  report?: string;
  problem?: ToolProblem;
  path?: string;
}

export async function applyToolCalls(calls: ReadonlyArray<ToolCall>, ctx: ToolContext): Promise<AppliedCall[]> {
  const results: AppliedCall[] = [];
  // In order: a later edit may depend on an earlier one in the same turn.
  for (const call of calls) {
    const outcome = await runTool(call.name, call.arguments, ctx);
    results.push({
      call,
      kind: outcome.kind,
      output: outcome.output,
      ...(outcome.report !== undefined ? { report: outcome.report } : {}),
      ...(outcome.problem ? { problem: outcome.problem } : {}),
      ...(outcome.path ? { path: outcome.path } : {}),
    });
  }
  return results;
}

/**
 * Streamed chat completions through the openai SDK's stream helper (`ChatCompletionStream`,
 * the class behind `client.chat.completions.stream()`), which joins the chunks — content,
 * tool-call deltas by index, the usage chunk — into one ChatCompletion (`finalChatCompletion()`).
 *
 * Two differences from `chat.completions.stream()`, both so that a model's malformed or
 * unusual output reaches the agent loop instead of failing the request:
 * - The helper is given no request params to parse with: for `strict` tools it would
 *   `JSON.parse` the arguments and throw on the invalid JSON the loop feeds back to the model.
 * - Deltas without the assistant role or a tool call's `type` (some OpenAI-compatible servers)
 *   get them filled in; the helper's final assembly insists on both.
 */
import type OpenAI from 'openai';
import { ChatCompletionStream, type ChatCompletionSnapshot } from 'openai/lib/ChatCompletionStream';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';

class UnparsedChatCompletionStream extends ChatCompletionStream<null> {
  static start(client: OpenAI, params: ChatCompletionCreateParamsStreaming, signal: AbortSignal | undefined): UnparsedChatCompletionStream {
    const runner = new UnparsedChatCompletionStream(null);
    runner.on('chunk', (_chunk, snapshot) => fillLenientDeltas(snapshot));
    runner._run(() => runner._runChatCompletion(client, params, { signal, headers: { 'X-Stainless-Helper-Method': 'stream' } }));
    return runner;
  }
}

/** Starts a streamed request; `finalChatCompletion()` on the result resolves to the whole answer. */
export function streamChatCompletion(client: OpenAI, params: ChatCompletionCreateParamsStreaming, signal: AbortSignal | undefined): ChatCompletionStream<null> {
  return UnparsedChatCompletionStream.start(client, params, signal);
}

function fillLenientDeltas(snapshot: ChatCompletionSnapshot): void {
  for (const choice of snapshot.choices) {
    choice.message.role ??= 'assistant';
    for (const call of choice.message.tool_calls ?? []) call.type ??= 'function';
  }
}

/**
 * The LLM client: the official `openai` SDK (v6) against any OpenAI-compatible endpoint.
 * Retries (429 honouring retry-after, 408/409, 5xx, connection errors and timeouts, with
 * exponential backoff) are the SDK's own (`maxRetries`), so they are the same for every
 * endpoint. Every request reports its token usage and cost from `config.llm.prices`.
 * Errors become GodwitErrors whose message names the base URL and never the key.
 *
 * On top of the SDK's retries: an answer that broke off (a stream cut mid-answer, a body that
 * is not JSON, no choices) is asked again up to BROKEN_ANSWER_RETRIES times; a 400 about a
 * parameter the model does not take (`temperature`, `max_tokens` vs `max_completion_tokens`)
 * is learned (model-settings.ts) and the request sent again without it; a prompt that does
 * not fit the context window becomes a `ContextOverflowError` the loop answers by shrinking.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { GodwitConfig } from '../config/schema.js';
import { GodwitError } from '../errors.js';
import type { Usage } from '../report/run-report.js';
import { adaptationFor, contextOverflowOf, learn, resolveModelSettings, type ModelSettings } from './model-settings.js';
import { streamChatCompletion } from './llm-stream.js';
import { createRedactor } from './redact.js';

/** Extra attempts for an answer that broke off mid-way (stream cut, truncated body, no choices). */
export const BROKEN_ANSWER_RETRIES = 2;

/** The prompt did not fit the model's context window; `limit` when the endpoint named it. */
export class ContextOverflowError extends GodwitError {
  readonly limit: number | undefined;
  constructor(message: string, limit: number | undefined, options?: { cause?: unknown }) {
    super('llm-context-overflow', message, 'Lower agent.contextBudget, or set llm.contextWindow (or llm.models.<model>.contextWindow) to the model\'s real window.', options);
    this.limit = limit;
  }
}

/** An answer that started but did not arrive whole: worth asking again. */
class BrokenAnswerError extends Error {}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Gives back a slot an LlmLimiter handed out. */
export type ReleaseLlmSlot = () => void | Promise<void>;

/**
 * The one limiter type: a cap on concurrent LLM requests (fleet mode: Redis-wide, created by
 * src/queue/limits.ts). Waits for a slot and resolves to its release.
 */
export type LlmLimiter = (signal?: AbortSignal) => Promise<ReleaseLlmSlot>;

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model sent it (may be malformed). */
  arguments: string;
}

export interface ChatResult {
  content: string;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: Usage;
  model: string;
}

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionTool[];
  /** JSON-schema structured output (used by the judge). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  temperature?: number;
  signal?: AbortSignal;
}

export interface LlmClient {
  readonly model: string;
  readonly baseUrl: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** The request settings in force (configured, then learned from errors). */
  settings?(): ModelSettings;
}

export interface CreateLlmClientOptions {
  /** Model to use; default `config.llm.model` (requireModel). */
  model?: string;
  /** Stream responses (SSE) instead of one JSON body. Default false. */
  stream?: boolean;
  acquire?: LlmLimiter;
  /** Overrides for tests: backoff is the SDK's, these only change counts and timeouts. */
  maxRetries?: number;
  timeoutMs?: number;
  /** Told when the client adapts to the model (a rejected parameter) or retries a broken answer. */
  onNotice?: (message: string) => void;
}

const ENV_HINT =
  'Set GODWIT_MODEL (the model name) and either OPENAI_API_KEY (api.openai.com) or OPENAI_BASE_URL (any OpenAI-compatible endpoint: Azure, vLLM, Ollama, LiteLLM), or the llm.* keys of godwit.config. See docs/llm-endpoint.md.';

/** The configured model, or a `llm-not-configured` error (exit 2) naming the variables to set. */
export function requireModel(config: GodwitConfig): string {
  const model = config.llm.model?.trim();
  if (!model) {
    throw new GodwitError('llm-not-configured', 'This migration needs an LLM, but no model is configured (GODWIT_MODEL is unset).', ENV_HINT);
  }
  if (!config.llm.baseUrl && !config.llm.apiKey) {
    throw new GodwitError(
      'llm-not-configured',
      'This migration needs an LLM, but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set.',
      ENV_HINT,
    );
  }
  return model;
}

/** True when the LLM is configured well enough to try a request. */
export function isLlmConfigured(config: GodwitConfig): boolean {
  try {
    requireModel(config);
    return true;
  } catch {
    return false;
  }
}

/** Cost in USD of one request from the price table (USD per one million tokens); 0 when the model has no price. */
export function costOf(prices: GodwitConfig['llm']['prices'], model: string, promptTokens: number, completionTokens: number): number {
  const price = prices[model];
  if (!price) return 0;
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}

/** The endpoint a failed request went to, for the error's message. */
interface Endpoint {
  baseUrl: string;
  model: string;
  maxRetries: number;
  redact: (text: string) => string;
}

/** Any failure of a request as a GodwitError that names the endpoint (never the key). */
function toGodwitError(error: unknown, { baseUrl, model, maxRetries, redact }: Endpoint): GodwitError {
  if (error instanceof GodwitError) return error;
  if (error instanceof APIUserAbortError) return new GodwitError('cancelled', 'The LLM request was cancelled.');
  if (error instanceof APIConnectionError) {
    const what = error.constructor.name === 'APIConnectionTimeoutError' ? 'timed out' : 'failed';
    return new GodwitError(
      'llm-unreachable',
      `The LLM endpoint at ${baseUrl} is unreachable (request ${what} after ${maxRetries} retries): ${redact(error.message)}`,
      'Check OPENAI_BASE_URL and that the endpoint is up; raise llm.timeoutMs for slow local models.',
      { cause: error },
    );
  }
  if (error instanceof BrokenAnswerError) {
    return new GodwitError('llm-failed', `The LLM endpoint at ${baseUrl} kept breaking off its answer (${BROKEN_ANSWER_RETRIES + 1} attempts): ${redact(error.message)}`, 'Retry; the endpoint cut the answer short. If it keeps happening, set llm.stream: false or check a proxy in between.', { cause: error });
  }
  const overflow = contextOverflowOf(error);
  if (overflow) {
    return new ContextOverflowError(`The prompt does not fit the context window of ${model} at ${baseUrl}: ${redact((error as Error).message)}`, overflow.limit, { cause: error });
  }
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const detail = redact(error.message);
    if (status === 429 || status >= 500 || status === 408) {
      return new GodwitError(
        'llm-unreachable',
        `The LLM endpoint at ${baseUrl} kept failing (HTTP ${status}) after ${maxRetries} retries: ${detail}`,
        'The endpoint is rate-limited or down; retry later or lower limits.llmConcurrency.',
        { cause: error },
      );
    }
    const hint =
      status === 401 || status === 403
        ? 'Check OPENAI_API_KEY for this endpoint.'
        : status === 404
          ? `Check GODWIT_MODEL ("${model}") and OPENAI_BASE_URL (it usually ends in /v1).`
          : 'See the message above; the request was rejected by the endpoint.';
    return new GodwitError('llm-failed', `The LLM endpoint at ${baseUrl} rejected the request (HTTP ${status}): ${detail}`, hint, { cause: error });
  }
  const message = redact(error instanceof Error ? error.message : String(error));
  return new GodwitError('llm-failed', `The LLM request to ${baseUrl} failed: ${message}`, 'Check that the endpoint is OpenAI-compatible (chat completions).', {
    cause: error,
  });
}

export function createLlmClient(config: GodwitConfig, options: CreateLlmClientOptions = {}): LlmClient {
  const model = options.model ?? requireModel(config);
  const baseUrl = (config.llm.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const redact = createRedactor([config.llm.apiKey, config.github.token]);
  const sdk = new OpenAI({
    baseURL: baseUrl,
    // Local endpoints (Ollama, vLLM) accept any key; the SDK insists on one.
    apiKey: config.llm.apiKey ?? 'unset',
    timeout: options.timeoutMs ?? config.llm.timeoutMs,
    maxRetries: options.maxRetries ?? config.llm.maxRetries,
    logLevel: 'off',
  });

  const stream = options.stream ?? config.llm.stream;
  const notice = options.onNotice ?? (() => {});
  const usageOf = (prompt: number, completion: number, reasoning?: number): Usage => ({
    requests: 1,
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: prompt + completion,
    costUsd: costOf(config.llm.prices, model, prompt, completion),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
  });

  const settings = (): ModelSettings => resolveModelSettings(config, baseUrl, model);

  const body = (request: ChatRequest) => {
    const s = settings();
    const temperature = s.temperature === null ? undefined : (request.temperature ?? s.temperature);
    return {
      model,
      messages: request.messages,
      ...(request.tools?.length ? { tools: request.tools, parallel_tool_calls: true } : {}),
      ...(request.jsonSchema
        ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: true } } }
        : {}),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(s.tokenLimitParameter === 'max_tokens' ? { max_tokens: s.maxOutputTokens } : {}),
      ...(s.tokenLimitParameter === 'max_completion_tokens' ? { max_completion_tokens: s.maxOutputTokens } : {}),
    };
  };

  /** One request, streamed through the SDK's helper (which joins the deltas) or as one JSON body. */
  async function once(request: ChatRequest): Promise<ChatResult> {
    const completion = stream ? await streamed(request) : await whole(request);
    const choice = completion.choices?.[0];
    if (!choice) throw new BrokenAnswerError('the answer carried no choices');
    const toolCalls: ToolCall[] = [];
    for (const call of choice.message.tool_calls ?? []) {
      if (call.type === 'function') {
        // Some servers omit ids; the tool results must still answer each call by id.
        toolCalls.push({ id: call.id || `call_${toolCalls.length}`, name: call.function.name, arguments: call.function.arguments ?? '' });
      }
    }
    return {
      content: choice.message.content ?? '',
      toolCalls,
      finishReason: choice.finish_reason ?? 'stop',
      usage: usageOf(completion.usage?.prompt_tokens ?? 0, completion.usage?.completion_tokens ?? 0, completion.usage?.completion_tokens_details?.reasoning_tokens),
      model: completion.model || model,
    };
  }

  async function whole(request: ChatRequest): Promise<ChatCompletion> {
    try {
      return await sdk.chat.completions.create({ ...body(request), stream: false }, { signal: request.signal });
    } catch (error) {
      // A 200 whose body is not JSON (cut off): the SDK's parse error, not an API error.
      if (error instanceof SyntaxError) throw new BrokenAnswerError(`the answer is not valid JSON: ${error.message}`, { cause: error });
      throw error;
    }
  }

  /**
   * The SDK's stream helper (llm-stream.ts) assembles the chunks into one ChatCompletion. A
   * failure before the endpoint answered is the request's own (HTTP status, connection,
   * timeout); one after it is an answer that broke off.
   */
  async function streamed(request: ChatRequest): Promise<ChatCompletion> {
    const runner = streamChatCompletion(sdk, { ...body(request), stream: true, stream_options: { include_usage: true } }, request.signal);
    let answered = false;
    runner.on('connect', () => (answered = true));
    try {
      return await runner.finalChatCompletion();
    } catch (error) {
      if (!answered || error instanceof APIUserAbortError || request.signal?.aborted) throw error;
      throw new BrokenAnswerError(`the stream broke off: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** Asks again after a broken answer or a rejected parameter; everything else is thrown. */
  async function withRecovery(request: ChatRequest): Promise<ChatResult> {
    let broken = 0;
    let adaptations = 0;
    for (;;) {
      try {
        return await once(request);
      } catch (error) {
        if (error instanceof BrokenAnswerError && broken < BROKEN_ANSWER_RETRIES && !request.signal?.aborted) {
          broken++;
          notice(`the LLM answer broke off (${error.message}); asking again (${broken}/${BROKEN_ANSWER_RETRIES})`);
          continue;
        }
        const adaptation = adaptations < 3 ? adaptationFor(error, settings(), model) : undefined;
        if (adaptation) {
          adaptations++;
          learn(baseUrl, model, adaptation.change);
          notice(adaptation.notice);
          continue;
        }
        throw error;
      }
    }
  }

  return {
    model,
    baseUrl,
    settings,
    async chat(request) {
      const release = options.acquire ? await options.acquire() : undefined;
      try {
        return await withRecovery(request);
      } catch (error) {
        throw toGodwitError(error, { baseUrl, model, maxRetries: sdk.maxRetries, redact });
      } finally {
        // A release that fails (Redis gone) frees the slot when its lease ends.
        await Promise.resolve(release?.()).catch(() => undefined);
      }
    },
  };
}

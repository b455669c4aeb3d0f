/**
 * Per-model request settings: whether to send `temperature`, which parameter carries the
 * output-token limit (`max_tokens`, `max_completion_tokens`, or none), the limit itself, and
 * the context window. They come from `llm.*` and `llm.models.<model>` in the config; what a
 * model rejects at run time is learned from its 400 error (once per model and endpoint, for
 * the life of the process) and the request is sent again without it.
 */
import { APIError } from 'openai';
import type { GodwitConfig } from '../config/schema.js';

export type TokenLimitParameter = 'max_tokens' | 'max_completion_tokens' | 'none';

export interface ModelSettings {
  /** null: never send a temperature (reasoning models accept only their default). */
  temperature: number | null;
  tokenLimitParameter: TokenLimitParameter;
  maxOutputTokens: number;
  /** Tokens the model accepts in one request, when known (configured or learned). */
  contextWindow?: number;
}

/** What was learned from errors, by `baseUrl model`. */
const learned = new Map<string, Partial<ModelSettings>>();

export function resolveModelSettings(config: GodwitConfig, baseUrl: string, model: string): ModelSettings {
  const llm = config.llm;
  const own = llm.models[model] ?? {};
  const contextWindow = own.contextWindow ?? llm.contextWindow;
  const base: ModelSettings = {
    temperature: own.temperature !== undefined ? own.temperature : llm.temperature,
    tokenLimitParameter: own.tokenLimitParameter ?? llm.tokenLimitParameter,
    maxOutputTokens: own.maxOutputTokens ?? llm.maxOutputTokens,
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
  return { ...base, ...learned.get(`${baseUrl} ${model}`) };
}

export function learn(baseUrl: string, model: string, change: Partial<ModelSettings>): void {
  const key = `${baseUrl} ${model}`;
  learned.set(key, { ...learned.get(key), ...change });
}

/** Forgets everything learned (tests). */
export function forgetLearnedSettings(): void {
  learned.clear();
}

export interface Adaptation {
  change: Partial<ModelSettings>;
  /** For the log: what the model rejected and what to configure to skip the failed request. */
  notice: string;
}

const UNSUPPORTED = /unsupported|not supported|does not support|only the default|not allowed|unrecognized|unknown (parameter|field)|extra (inputs|fields) are not permitted|invalid parameter/i;

/**
 * The settings change that answers a 400 about a parameter, or undefined when the error is
 * about something else. Covers OpenAI's `unsupported_parameter`/`unsupported_value` errors
 * (with `param`) and gateways that only say it in the message.
 */
export function adaptationFor(error: unknown, settings: ModelSettings, model: string): Adaptation | undefined {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return undefined;
  const message = error.message ?? '';
  const param = typeof error.param === 'string' ? error.param : undefined;
  const about = (name: string): boolean => param === name || new RegExp(`['"\`]?${name}['"\`]?`).test(message);
  const key = `llm.models["${model}"]`;
  if (settings.temperature !== null && about('temperature') && (param === 'temperature' || UNSUPPORTED.test(message))) {
    return { change: { temperature: null }, notice: `${model} rejects "temperature"; godwit no longer sends it. Set ${key}.temperature: null to skip the failed request.` };
  }
  if (settings.tokenLimitParameter === 'max_tokens' && (about('max_tokens') || /max_completion_tokens/.test(message)) && (param === 'max_tokens' || UNSUPPORTED.test(message) || /instead/i.test(message))) {
    return {
      change: { tokenLimitParameter: 'max_completion_tokens' },
      notice: `${model} wants "max_completion_tokens" instead of "max_tokens"; godwit switched. Set ${key}.tokenLimitParameter: max_completion_tokens to skip the failed request.`,
    };
  }
  if (settings.tokenLimitParameter === 'max_completion_tokens' && about('max_completion_tokens') && (param === 'max_completion_tokens' || UNSUPPORTED.test(message))) {
    return {
      change: { tokenLimitParameter: 'max_tokens' },
      notice: `${model} does not accept "max_completion_tokens"; godwit sends "max_tokens" instead. Set ${key}.tokenLimitParameter: max_tokens to skip the failed request.`,
    };
  }
  return undefined;
}

const OVERFLOW = /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|reduce the length|input is too long|exceeds? the (model'?s? )?(max|context)/i;

/** True for an endpoint's "the prompt does not fit" answer; with the limit when it names one. */
export function contextOverflowOf(error: unknown): { limit?: number } | undefined {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 413 && error.status !== 422)) return undefined;
  if (error.code !== 'context_length_exceeded' && !OVERFLOW.test(error.message ?? '')) return undefined;
  const m = /(?:maximum context length|context window|limit) (?:is|of) (\d[\d,]*) tokens/i.exec(error.message ?? '');
  const limit = m ? Number(m[1]!.replace(/,/g, '')) : undefined;
  return limit !== undefined && Number.isFinite(limit) ? { limit } : {};
}

import { describe, expect, it } from 'vitest';
import { BROKEN_ANSWER_RETRIES, ContextOverflowError, costOf, createLlmClient, requireModel } from '../../src/agent/llm-client.js';
import { forgetLearnedSettings } from '../../src/agent/model-settings.js';
import { configSchema } from '../../src/config/schema.js';
import { GodwitError } from '../../src/errors.js';
import { reply } from '../support/fake-openai/server.js';
import { useFakeOpenAI } from '../support/fake-openai/use.js';
import { config, SECRET_KEY } from './fixtures.js';

const fake = useFakeOpenAI();

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

async function failure(p: Promise<unknown>): Promise<GodwitError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GodwitError);
  return error as GodwitError;
}

describe('llm client', () => {
  it('returns content, tool calls, usage and cost (non-streaming)', async () => {
    fake.enqueue({ content: 'ok', toolCalls: [{ name: 'finish', arguments: { report: 'r' } }], usage: { prompt_tokens: 1_000_000, completion_tokens: 500_000 } });
    const client = createLlmClient(config(fake.baseUrl));
    const result = await client.chat(ask);
    expect(result.content).toBe('ok');
    expect(result.toolCalls).toEqual([expect.objectContaining({ name: 'finish', arguments: '{"report":"r"}' })]);
    expect(result.usage).toEqual({ requests: 1, promptTokens: 1_000_000, completionTokens: 500_000, totalTokens: 1_500_000, costUsd: 2 + 5 });
    expect(fake.chatRequests[0]!.body.model).toBe('fake-model');
  });

  it('assembles streamed content and tool-call deltas, with usage from the last chunk', async () => {
    fake.enqueue({ content: 'x'.repeat(200), toolCalls: [{ name: 'edit_file', arguments: { path: 'a.ts', search: 'a', replace: 'b' } }, { name: 'finish', arguments: { report: 'done' } }], usage: { prompt_tokens: 7, completion_tokens: 3 } });
    const result = await createLlmClient(config(fake.baseUrl), { stream: true }).chat(ask);
    expect(result.content).toBe('x'.repeat(200));
    expect(result.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ['edit_file', { path: 'a.ts', search: 'a', replace: 'b' }],
      ['finish', { report: 'done' }],
    ]);
    expect(result.usage.totalTokens).toBe(10);
    expect(fake.chatRequests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it('assembles a stream whose deltas leave out the role and the tool calls\' type (lenient servers)', async () => {
    fake.enqueue({ content: 'thinking', toolCalls: [{ name: 'finish', arguments: { report: 'done' }, id: 'call_a' }], bareDeltas: true });
    const result = await createLlmClient(config(fake.baseUrl), { stream: true }).chat(ask);
    expect(result).toMatchObject({ content: 'thinking', finishReason: 'tool_calls', toolCalls: [{ id: 'call_a', name: 'finish', arguments: '{"report":"done"}' }] });
  });

  it('a streamed call to a strict tool with arguments that are not JSON comes back raw, for the loop to answer', async () => {
    const finish = { type: 'function' as const, function: { name: 'finish', parameters: { type: 'object', properties: { report: { type: 'string' } }, required: ['report'] }, strict: true } };
    fake.enqueue({ toolCalls: [{ name: 'finish', arguments: '{"report": "half' }] });
    const result = await createLlmClient(config(fake.baseUrl), { stream: true, maxRetries: 0 }).chat({ ...ask, tools: [finish] });
    expect(result.toolCalls).toEqual([expect.objectContaining({ name: 'finish', arguments: '{"report": "half' })]);
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('retries 429 (honouring retry-after) and 500, then succeeds', async () => {
    fake.enqueue({ fault: 'rate-limit', retryAfterSeconds: 1 }, { fault: 'server-error', status: 503 }, reply.text('finally'));
    const started = Date.now();
    const result = await createLlmClient(config(fake.baseUrl, { maxRetries: 3 })).chat(ask);
    expect(result.content).toBe('finally');
    expect(fake.chatRequests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950); // waited the 1 s retry-after
  });

  it('gives up after maxRetries with llm-unreachable naming the URL, not the key', async () => {
    fake.onRequest(() => ({ fault: 'server-error', status: 500 }));
    const error = await failure(createLlmClient(config(fake.baseUrl, { maxRetries: 1 })).chat(ask));
    expect(error.code).toBe('llm-unreachable');
    expect(error.message).toContain(fake.baseUrl);
    expect(error.message).not.toContain(SECRET_KEY);
    expect(fake.chatRequests).toHaveLength(2);
    expect(error.exitCode).toBe(3);
  });

  it('times out a hanging endpoint', async () => {
    fake.enqueue({ fault: 'hang' });
    const error = await failure(createLlmClient(config(fake.baseUrl), { timeoutMs: 300, maxRetries: 0 }).chat(ask));
    expect(error.code).toBe('llm-unreachable');
    expect(error.message).toMatch(/timed out/);
  });

  it('an aborted streaming request is cancelled, not asked again', async () => {
    fake.enqueue({ fault: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(createLlmClient(config(fake.baseUrl), { stream: true, timeoutMs: 10_000 }).chat({ ...ask, signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('endpoint down → llm-unreachable with the URL', async () => {
    const url = fake.baseUrl;
    await fake.close();
    const error = await failure(createLlmClient(config(url), { maxRetries: 0 }).chat(ask));
    expect(error.code).toBe('llm-unreachable');
    expect(error.message).toContain(url);
  });

  it('empty choices, a body that is not JSON and a truncated stream are asked again, then llm errors', async () => {
    const attempts = BROKEN_ANSWER_RETRIES + 1;
    fake.enqueue(...Array.from({ length: attempts }, () => ({ fault: 'empty-choices' as const })));
    expect((await failure(createLlmClient(config(fake.baseUrl)).chat(ask))).code).toBe('llm-failed');
    expect(fake.chatRequests).toHaveLength(attempts);
    fake.enqueue(...Array.from({ length: attempts }, () => ({ fault: 'invalid-body' as const })));
    expect((await failure(createLlmClient(config(fake.baseUrl), { maxRetries: 0 }).chat(ask))).message).toContain(fake.baseUrl);
    fake.enqueue(...Array.from({ length: attempts }, () => ({ fault: 'truncated-stream' as const })));
    const truncated = await failure(createLlmClient(config(fake.baseUrl), { stream: true, maxRetries: 0 }).chat(ask));
    expect(truncated.code).toBe('llm-failed');
    expect(truncated.message).toMatch(/broke off|stream/);
    expect(fake.chatRequests).toHaveLength(attempts * 3);
  });

  it('a stream cut mid-answer and a cut body are asked again and then succeed', async () => {
    const notices: string[] = [];
    fake.enqueue({ fault: 'truncated-stream' }, reply.tool('finish', { report: 'done' }));
    const streamed = await createLlmClient(config(fake.baseUrl), { stream: true, onNotice: (m) => notices.push(m) }).chat(ask);
    expect(streamed.toolCalls.map((c) => c.name)).toEqual(['finish']);
    fake.enqueue({ fault: 'invalid-body' }, reply.text('whole'));
    expect((await createLlmClient(config(fake.baseUrl), { onNotice: (m) => notices.push(m) }).chat(ask)).content).toBe('whole');
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/broke off/);
  });

  it('learns what a model rejects (temperature, max_tokens) from its 400s and sends what it accepts', async () => {
    const notices: string[] = [];
    fake.enqueue(
      { fault: 'api-error', status: 400, error: { message: "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.", param: 'temperature', code: 'unsupported_value' } },
      { fault: 'api-error', status: 400, error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' } },
      { content: 'ok', usage: { prompt_tokens: 10, completion_tokens: 50, completion_tokens_details: { reasoning_tokens: 40 } } },
      reply.text('again'),
    );
    const client = createLlmClient(config(fake.baseUrl, { maxOutputTokens: 1000 }), { onNotice: (m) => notices.push(m) });
    const first = await client.chat(ask);
    expect(first.usage).toMatchObject({ completionTokens: 50, reasoningTokens: 40 });
    const bodies = fake.chatRequests.map((r) => r.body);
    expect(bodies[0]).toMatchObject({ temperature: 0, max_tokens: 1000 });
    expect(bodies[1]!.temperature).toBeUndefined();
    expect(bodies[2]).toMatchObject({ max_completion_tokens: 1000 });
    expect(bodies[2]!.max_tokens).toBeUndefined();
    expect(notices.join('\n')).toMatch(/rejects "temperature"[\s\S]*wants "max_completion_tokens"/);
    // Learned for the process: a new client for the same model and endpoint starts right.
    await createLlmClient(config(fake.baseUrl, { maxOutputTokens: 1000 })).chat(ask);
    expect(fake.chatRequests[3]!.body).toMatchObject({ max_completion_tokens: 1000 });
    expect(fake.chatRequests[3]!.body.temperature).toBeUndefined();
    forgetLearnedSettings();
  });

  it('configured per-model settings are sent as configured; a context-length error names the limit', async () => {
    fake.enqueue(reply.text('a'), {
      fault: 'api-error',
      status: 400,
      error: { message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9001 tokens.", param: 'messages', code: 'context_length_exceeded' },
    });
    const client = createLlmClient(config(fake.baseUrl, { models: { 'fake-model': { temperature: null, tokenLimitParameter: 'none' } } }));
    await client.chat(ask);
    expect(fake.chatRequests[0]!.body.temperature).toBeUndefined();
    expect(fake.chatRequests[0]!.body.max_tokens).toBeUndefined();
    const overflow = await failure(client.chat(ask));
    expect(overflow).toBeInstanceOf(ContextOverflowError);
    expect(overflow).toMatchObject({ code: 'llm-context-overflow', limit: 8192 });
  });

  it('a 401 is llm-failed with a hint about the key; the key never appears', async () => {
    fake.onRequest(() => ({ fault: 'server-error', status: 401 }));
    const error = await failure(createLlmClient(config(fake.baseUrl)).chat(ask));
    expect(error.code).toBe('llm-failed');
    expect(error.hint).toMatch(/OPENAI_API_KEY/);
    expect(JSON.stringify(error.toJSON())).not.toContain(SECRET_KEY);
  });

  it('handles a huge answer', async () => {
    fake.enqueue({ fault: 'huge', bytes: 3_000_000 });
    const result = await createLlmClient(config(fake.baseUrl)).chat(ask);
    expect(result.content).toHaveLength(3_000_000);
  });

  it('takes a slot from the limiter per request and releases it, even on failure', async () => {
    const events: string[] = [];
    const acquire = async () => {
      events.push('acquire');
      return () => {
        events.push('release');
      };
    };
    fake.enqueue(reply.text('a'), { fault: 'server-error', status: 400 });
    const client = createLlmClient(config(fake.baseUrl), { acquire });
    await client.chat(ask);
    await failure(client.chat(ask));
    expect(events).toEqual(['acquire', 'release', 'acquire', 'release']);
  });
});

describe('requireModel', () => {
  it('throws llm-not-configured (exit 2) naming the variables', () => {
    const error = (() => {
      try {
        requireModel(configSchema.parse({}));
      } catch (e) {
        return e as GodwitError;
      }
    })();
    expect(error?.code).toBe('llm-not-configured');
    expect(error?.exitCode).toBe(2);
    expect(`${error?.message} ${error?.hint}`).toMatch(/GODWIT_MODEL[\s\S]*OPENAI_API_KEY[\s\S]*OPENAI_BASE_URL/);
    expect(() => requireModel(configSchema.parse({ llm: { model: 'm' } }))).toThrow(/OPENAI_API_KEY nor OPENAI_BASE_URL/);
    expect(requireModel(configSchema.parse({ llm: { model: 'm', baseUrl: 'http://127.0.0.1:11434/v1' } }))).toBe('m');
  });

  it('prices per million tokens; unknown models cost 0', () => {
    expect(costOf({ m: { input: 3, output: 15 } }, 'm', 2000, 1000)).toBeCloseTo(0.006 + 0.015, 12);
    expect(costOf({}, 'm', 2000, 1000)).toBe(0);
  });
});

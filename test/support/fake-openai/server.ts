/**
 * A scripted OpenAI-compatible HTTP server (real HTTP, node:http) for tests of the agent.
 * `/v1/chat/completions` answers non-streaming and streaming (SSE, incl. tool-call deltas).
 * Each test scripts the replies as a queue, or as a function of the recorded request, and
 * can inject faults: 429 with retry-after, 5xx, hangs, truncated streams, empty choices,
 * a body that is not JSON, a huge answer. Every request is recorded for assertions. Tests get
 * one through `useFakeOpenAI()` (use.ts), which also closes it.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedToolCall {
  name: string;
  /** A string is sent verbatim (so tests can send invalid JSON); objects are JSON-encoded. */
  arguments: string | Record<string, unknown>;
  id?: string;
}

export interface ScriptedMessage {
  content?: string | null;
  toolCalls?: ScriptedToolCall[];
  usage?: { prompt_tokens: number; completion_tokens: number; completion_tokens_details?: { reasoning_tokens: number } };
  finishReason?: string;
  model?: string;
  /** Stream deltas without the assistant role and the tool calls' `type`, as some OpenAI-compatible servers send them. */
  bareDeltas?: boolean;
}

export type ScriptedFault =
  | { fault: 'rate-limit'; retryAfterSeconds?: number }
  | { fault: 'server-error'; status?: number }
  | { fault: 'hang' }
  | { fault: 'truncated-stream' }
  | { fault: 'empty-choices' }
  | { fault: 'invalid-body' }
  | { fault: 'huge'; bytes: number }
  /** An API error body as OpenAI sends it (context_length_exceeded, unsupported_parameter …). */
  | { fault: 'api-error'; status: number; error: { message: string; type?: string; param?: string | null; code?: string | null } };

export type ScriptedReply = ScriptedMessage | ScriptedFault;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: ChatRequestBody;
}

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: string }>;
  tools?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: unknown;
  [key: string]: unknown;
}

export type ReplyFunction = (request: RecordedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>;

const DEFAULT_USAGE = { prompt_tokens: 100, completion_tokens: 20 };

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedReply[] = [];
  private handler: ReplyFunction | undefined;
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();

  /** A listening server (for code outside vitest, e.g. bench/); tests use `useFakeOpenAI()`. */
  static async start(): Promise<FakeOpenAI> {
    const fake = new FakeOpenAI();
    await fake.listen();
    return fake;
  }

  /** Starts listening on a free port with an empty script and no recorded requests. */
  async listen(): Promise<void> {
    if (this.server) throw new Error('fake-openai is already listening');
    this.requests.length = 0;
    this.queue.length = 0;
    this.handler = undefined;
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
  }

  /** Base URL to give the SDK (ends in /v1). */
  get baseUrl(): string {
    if (!this.server) throw new Error('fake-openai is not listening');
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues replies, answered in order; the handler (if any) answers once the queue is empty. */
  enqueue(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Answers with a function of the request (used when the queue is empty). */
  onRequest(handler: ReplyFunction): this {
    this.handler = handler;
    return this;
  }

  /** Chat-completion requests only. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  /** Stops listening and cuts open connections (a hung request too); closing twice is fine. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw || '{}') as ChatRequestBody;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad json' } }));
      return;
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
    const index = this.requests.length;
    this.requests.push(recorded);
    if (!recorded.path.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    let reply: ScriptedReply | undefined = this.queue.shift();
    if (!reply && this.handler) reply = await this.handler(recorded, index);
    if (!reply) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: `fake-openai: no scripted reply for request #${index}` } }));
      return;
    }
    this.reply(reply, body, res);
  }

  private reply(reply: ScriptedReply, body: ChatRequestBody, res: http.ServerResponse): void {
    if ('fault' in reply) {
      switch (reply.fault) {
        case 'rate-limit':
          res
            .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(reply.retryAfterSeconds ?? 0) })
            .end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit_error' } }));
          return;
        case 'server-error':
          res
            .writeHead(reply.status ?? 500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } }));
          return;
        case 'hang':
          return; // never answers; the client's timeout must fire
        case 'invalid-body':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "chatcmpl-x", "choices": [');
          return;
        case 'empty-choices':
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ id: 'chatcmpl-empty', object: 'chat.completion', created: 0, model: body.model, choices: [], usage: { ...DEFAULT_USAGE, total_tokens: 120 } }),
          );
          return;
        case 'api-error':
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'invalid_request_error', param: null, code: null, ...reply.error } }));
          return;
        case 'huge':
          this.reply({ content: 'x'.repeat(reply.bytes) }, body, res);
          return;
        case 'truncated-stream':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(`data: ${JSON.stringify(chunk(body.model, { role: 'assistant', content: 'partial' }, null))}\n\n`);
          setTimeout(() => res.socket?.destroy(), 20);
          return;
      }
    }
    const message = reply;
    const usage = message.usage ?? DEFAULT_USAGE;
    const toolCalls = (message.toolCalls ?? []).map((c, i) => ({
      id: c.id ?? `call_${i}_${Math.random().toString(36).slice(2, 8)}`,
      type: 'function' as const,
      function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
    }));
    const finishReason = message.finishReason ?? (toolCalls.length ? 'tool_calls' : 'stop');
    const model = message.model ?? body.model;
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (data: unknown): boolean => res.write(`data: ${JSON.stringify(data)}\n\n`);
      send(chunk(model, message.bareDeltas ? { content: '' } : { role: 'assistant', content: '' }, null));
      const content = message.content ?? '';
      for (let i = 0; i < content.length; i += 64) send(chunk(model, { content: content.slice(i, i + 64) }, null));
      toolCalls.forEach((call, index) => {
        const args = call.function.arguments;
        const cut = Math.floor(args.length / 2);
        const type = message.bareDeltas ? {} : { type: 'function' };
        send(chunk(model, { tool_calls: [{ index, id: call.id, ...type, function: { name: call.function.name, arguments: args.slice(0, cut) } }] }, null));
        send(chunk(model, { tool_calls: [{ index, function: { arguments: args.slice(cut) } }] }, null));
      });
      send(chunk(model, {}, finishReason));
      if (body.stream_options?.include_usage) send({ ...chunk(model, {}, null), choices: [], usage: fullUsage });
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: message.content ?? null, refusal: null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
            finish_reason: finishReason,
            logprobs: null,
          },
        ],
        usage: fullUsage,
      }),
    );
  }
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> {
  return {
    id: 'chatcmpl-stream',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

/** Helpers to script common replies. */
export const reply = {
  tool(name: string, args: string | Record<string, unknown>, usage?: ScriptedMessage['usage']): ScriptedMessage {
    return { toolCalls: [{ name, arguments: args }], ...(usage ? { usage } : {}) };
  },
  tools(calls: ScriptedToolCall[], usage?: ScriptedMessage['usage']): ScriptedMessage {
    return { toolCalls: calls, ...(usage ? { usage } : {}) };
  },
  text(content: string, usage?: ScriptedMessage['usage']): ScriptedMessage {
    return { content, ...(usage ? { usage } : {}) };
  },
};

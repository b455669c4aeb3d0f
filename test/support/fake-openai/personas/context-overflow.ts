/**
 * context-overflow: a model with a small context window. The endpoint answers
 * `context_length_exceeded` (OpenAI's error body) whenever a request passes the window; the
 * window is set a little above the first request, and the model reads a large file "for
 * context" before working, so the conversation soon no longer fits unless godwit shrinks it.
 */
import type { RecordedRequest, ScriptedReply } from '../server.js';
import { cooperativeTurns, Persona, promptTokens, read, type PersonaTask, type Turn } from './base.js';

export class ContextOverflow extends Persona {
  private window: number | undefined;
  overflows = 0;

  constructor(task: PersonaTask, private readonly headroom = 1_500) {
    super(task);
  }

  protected override plan(): Turn[] {
    return [[read(this.task.bigFile)], ...cooperativeTurns(this.task)];
  }

  override reply(request: RecordedRequest): ScriptedReply {
    const tokens = promptTokens(request);
    this.window ??= tokens + this.headroom;
    if (tokens > this.window) {
      this.overflows++;
      return {
        fault: 'api-error',
        status: 400,
        error: {
          message: `This model's maximum context length is ${this.window} tokens. However, your messages resulted in ${tokens} tokens. Please reduce the length of the messages.`,
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      };
    }
    return super.reply(request);
  }
}

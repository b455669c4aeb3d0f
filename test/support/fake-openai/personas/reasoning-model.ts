/**
 * reasoning-model: an o-series style endpoint. It rejects any `temperature` but its default,
 * rejects `max_tokens` (it wants `max_completion_tokens`), and reports reasoning tokens in
 * usage. Once godwit sends what it accepts, it works like a cooperative model.
 */
import type { RecordedRequest, ScriptedReply } from '../server.js';
import { Persona } from './base.js';

export const REASONING_TOKENS = 321;

export class ReasoningModel extends Persona {
  rejected: string[] = [];

  override reply(request: RecordedRequest): ScriptedReply {
    const body = request.body;
    if (body.temperature !== undefined && body.temperature !== 1) {
      this.rejected.push('temperature');
      return {
        fault: 'api-error',
        status: 400,
        error: { message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`, param: 'temperature', code: 'unsupported_value' },
      };
    }
    if (body.max_tokens !== undefined) {
      this.rejected.push('max_tokens');
      return {
        fault: 'api-error',
        status: 400,
        error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' },
      };
    }
    const r = super.reply(request);
    if ('fault' in r || !r.usage) return r;
    return { ...r, usage: { ...r.usage, completion_tokens: r.usage.completion_tokens + REASONING_TOKENS, completion_tokens_details: { reasoning_tokens: REASONING_TOKENS } } };
  }
}

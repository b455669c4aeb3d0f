/**
 * What of the conversation is sent each round. The full history stays in the loop state (and
 * the transcript); each request gets a pruned copy:
 *
 * - level 0 (agent.pruneHistory off): everything, as it was said;
 * - level 1 (default): tool results from earlier rounds that the model has already answered
 *   become one-line notes (a read file can be read again), check results superseded by later ones become a note, and large
 *   arguments of earlier edits (whole file contents) are elided. The task (the migration and
 *   the context of the remaining sites), every assistant turn, this round's tool results and
 *   the latest check results are kept whole;
 * - level 2 (after a context-length error): also this round's tool results except the last
 *   turn's, and long assistant prose;
 * - level 3: only the task, a note, and the last exchange with the latest check results.
 *
 * Every level keeps the tool-call / tool-result pairing the chat API requires.
 */
import { countTokens } from '../context/index.js';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

export type PruneLevel = 0 | 1 | 2 | 3;
export const MAX_PRUNE_LEVEL: PruneLevel = 3;

export interface MessageMeta {
  /** The loop iteration the message belongs to (0: the task). */
  iteration: number;
  kind: 'system' | 'task' | 'assistant' | 'tool' | 'feedback' | 'note';
  /** Tool results: the tool and a one-line summary to send once the result is old. */
  tool?: string;
  summary?: string;
}

/** Earlier tool results kept whole when this short (edit confirmations, refusals). */
const SHORT_RESULT = 400;
/** Earlier tool-call arguments kept whole when this short. */
const SHORT_ARGUMENTS = 600;
/** Assistant prose kept whole at level 2 when this short. */
const SHORT_PROSE = 1_000;

export function pruneMessages(
  messages: ReadonlyArray<ChatCompletionMessageParam>,
  meta: ReadonlyArray<MessageMeta | undefined>,
  currentIteration: number,
  level: PruneLevel,
): ChatCompletionMessageParam[] {
  if (level === 0) return [...messages];
  const latestFeedback = lastIndexWhere(meta, (m) => m?.kind === 'feedback');
  if (level === 3) return lastExchangeOnly(messages, meta, latestFeedback);
  const lastAssistant = lastIndexWhere(messages, (m) => m.role === 'assistant');
  const out: ChatCompletionMessageParam[] = [];
  messages.forEach((message, i) => {
    const m = meta[i];
    if (!m) {
      out.push(message);
      return;
    }
    const old = m.iteration < currentIteration;
    if (m.kind === 'tool' && message.role === 'tool') {
      const text = typeof message.content === 'string' ? message.content : '';
      // A result the model has not answered yet (after the last assistant turn) is always whole.
      const dropOld = old && i < lastAssistant && text.length > SHORT_RESULT;
      const dropThisRound = level >= 2 && i < lastAssistant && text.length > SHORT_RESULT;
      out.push(dropOld || dropThisRound ? { ...message, content: noteFor(m, text) } : message);
      return;
    }
    if (m.kind === 'feedback' && i !== latestFeedback && message.role === 'user') {
      out.push({ ...message, content: `[check results of round ${m.iteration}: superseded by the later results below]` });
      return;
    }
    if (m.kind === 'assistant' && message.role === 'assistant') {
      out.push(old || level >= 2 ? slimAssistant(message, level) : message);
      return;
    }
    out.push(message);
  });
  return out;
}

function noteFor(meta: MessageMeta, text: string): string {
  const summary = meta.summary ?? text.split('\n', 1)[0]!.slice(0, 160);
  return meta.tool === 'read_file'
    ? `[earlier read_file result dropped to save context: ${summary}. Read the file again if you need its current text.]`
    : `[earlier ${meta.tool ?? 'tool'} result shortened: ${summary}]`;
}

function slimAssistant(message: ChatCompletionMessageParam & { role: 'assistant' }, level: PruneLevel): ChatCompletionMessageParam {
  const calls = message.tool_calls?.map((call) => {
    if (call.type !== 'function' || call.function.arguments.length <= SHORT_ARGUMENTS) return call;
    return { ...call, function: { ...call.function, arguments: elideArguments(call.function.arguments) } };
  });
  const content = typeof message.content === 'string' && level >= 2 && message.content.length > SHORT_PROSE ? `${message.content.slice(0, SHORT_PROSE)} …` : message.content;
  return { ...message, content: content ?? null, ...(calls ? { tool_calls: calls } : {}) };
}

/** Keeps the path and short fields of an earlier call; long strings become a note (valid JSON). */
function elideArguments(raw: string): string {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const slim: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(parsed)) slim[k] = typeof v === 'string' && v.length > 200 ? `[${v.length} characters, elided: already applied]` : v;
      return JSON.stringify(slim);
    }
  } catch {
    // malformed arguments: send a stub
  }
  return JSON.stringify({ elided: `${raw.length} characters of malformed arguments` });
}

/** Level 3: system, task, a note, and the last assistant turn with its results and the latest feedback. */
function lastExchangeOnly(
  messages: ReadonlyArray<ChatCompletionMessageParam>,
  meta: ReadonlyArray<MessageMeta | undefined>,
  latestFeedback: number,
): ChatCompletionMessageParam[] {
  const head = messages.filter((_, i) => meta[i]?.kind === 'system' || meta[i]?.kind === 'task' || i < 2);
  const lastAssistant = lastIndexWhere(messages, (m) => m.role === 'assistant');
  const tail: ChatCompletionMessageParam[] = [];
  if (lastAssistant >= 2) {
    for (let i = lastAssistant; i < messages.length; i++) {
      const m = messages[i]!;
      if (m.role === 'tool' && typeof m.content === 'string' && m.content.length > SHORT_RESULT * 4) {
        tail.push({ ...m, content: noteFor(meta[i] ?? { iteration: 0, kind: 'tool' }, m.content) });
      } else tail.push(i === lastAssistant && m.role === 'assistant' ? slimAssistant(m, 3) : m);
    }
  }
  const feedback = latestFeedback >= 0 && latestFeedback < lastAssistant ? [messages[latestFeedback]!] : [];
  const dropped = messages.length - head.length - tail.length - feedback.length;
  const note: ChatCompletionMessageParam[] = dropped > 0 ? [{ role: 'user', content: `[${dropped} earlier messages were dropped to fit the model's context window. The task above still applies; read files again as needed.]` }] : [];
  return [...head, ...note, ...feedback, ...tail];
}

function lastIndexWhere<T>(items: ReadonlyArray<T>, predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

/** Tokens of a request's messages (gpt-tokenizer, o200k_base) — an estimate for any model. */
export function estimateTokens(messages: ReadonlyArray<ChatCompletionMessageParam>, toolsJson = ''): number {
  let total = toolsJson ? countTokens(toolsJson) : 0;
  for (const m of messages) {
    total += 4;
    if (typeof m.content === 'string') total += countTokens(m.content);
    if (m.role === 'assistant' && m.tool_calls) {
      for (const c of m.tool_calls) if (c.type === 'function') total += countTokens(c.function.name) + countTokens(c.function.arguments) + 4;
    }
  }
  return total;
}

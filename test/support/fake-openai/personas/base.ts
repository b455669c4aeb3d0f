/**
 * The machinery every persona shares: a task (the exact edits that solve a case), a queue of
 * turns a cooperative model would take (read a file, edit it, next file, finish), and helpers
 * to look at what godwit answered last. A persona is a small script on top: it bends some
 * turns (stale search text, blind edits, invented paths …) and reacts to godwit's answers the
 * way the misbehaving model would.
 *
 * Usage is computed from the real request (gpt-tokenizer), so token numbers reflect what
 * godwit actually sent.
 */
import { countTokens } from 'gpt-tokenizer';
import type { RecordedRequest, ScriptedMessage, ScriptedReply, ScriptedToolCall } from '../server.js';

export interface EditStep {
  path: string;
  search: string;
  replace: string;
}

export interface PersonaTask {
  /** Files to change, in order, each with exact edits that apply to the original text. */
  files: Array<{ path: string; edits: EditStep[] }>;
  report: string;
  /** A large file of the repository a model may read "for context" (context-overflow). */
  bigFile: string;
  /** A file outside the migration's scope that a scope-creeper "tidies". */
  outOfScope: { path: string; content: string };
}

export type Turn = ScriptedToolCall[] | { prose: string } | { fault: ScriptedReply };

export const call = (name: string, args: Record<string, unknown> | string): ScriptedToolCall => ({ name, arguments: args });
export const read = (path: string): ScriptedToolCall => call('read_file', { path, startLine: null, endLine: null });
export const edit = (e: EditStep): ScriptedToolCall => call('edit_file', { ...e });
export const finish = (report: string): ScriptedToolCall => call('finish', { report });

/** What a cooperative model does: read each file, edit it, then finish. */
export function cooperativeTurns(task: PersonaTask): Turn[] {
  const turns: Turn[] = [];
  for (const file of task.files) {
    turns.push([read(file.path)]);
    turns.push(file.edits.map(edit));
  }
  turns.push([finish(task.report)]);
  return turns;
}

/** The tool results godwit sent for the model's last turn (in call order). */
export function lastToolResults(request: RecordedRequest): string[] {
  const messages = request.body.messages;
  let i = messages.length - 1;
  while (i >= 0 && messages[i]!.role !== 'assistant') i--;
  return messages.slice(i + 1).filter((m) => m.role === 'tool').map((m) => String(m.content ?? ''));
}

export function promptTokens(request: RecordedRequest): number {
  let text = JSON.stringify(request.body.tools ?? []);
  for (const m of request.body.messages) {
    text += `\n${m.role}: ${typeof m.content === 'string' ? m.content : ''}`;
    if (m.tool_calls) text += JSON.stringify(m.tool_calls);
  }
  return countTokens(text);
}

export abstract class Persona {
  private planned: Turn[] | undefined;
  /** The calls of the last turn sent, to match godwit's answers to them. */
  protected lastCalls: ScriptedToolCall[] = [];
  protected turnCount = 0;
  /** Length of the conversation last reacted to (a retried request is not a new answer). */
  private reactedAt = -1;

  constructor(protected readonly task: PersonaTask) {}

  /** The turns still to take (planned on first use, after subclass fields exist). */
  protected get queue(): Turn[] {
    this.planned ??= this.plan();
    return this.planned;
  }

  protected plan(): Turn[] {
    return cooperativeTurns(this.task);
  }

  /** Looks at godwit's answer to the last turn; may change the queue. */
  protected react(_request: RecordedRequest): void {}

  /** The raw reply for this request, before usage is attached; personas may wrap it. */
  protected next(request: RecordedRequest): ScriptedReply {
    if (this.turnCount > 0 && request.body.messages.length !== this.reactedAt) {
      this.reactedAt = request.body.messages.length;
      this.react(request);
    }
    this.turnCount++;
    const turn = this.queue.shift() ?? [finish(this.task.report)];
    if ('prose' in turn) {
      this.lastCalls = [];
      return { content: turn.prose };
    }
    if ('fault' in turn) return turn.fault;
    this.lastCalls = turn;
    return { toolCalls: turn };
  }

  reply(request: RecordedRequest): ScriptedReply {
    const r = this.next(request);
    if ('fault' in r) return r;
    const completion = countTokens(JSON.stringify(r.toolCalls ?? []) + (r.content ?? ''));
    return { ...r, usage: r.usage ?? { prompt_tokens: promptTokens(request), completion_tokens: completion } } satisfies ScriptedMessage;
  }
}

/** The cooperative model: the control every persona is compared with. */
export class Cooperative extends Persona {}

/**
 * The feedback loop: ask the model for edits → apply them safely → fast verify → feed the
 * condensed NEW errors back → repeat, up to `maxIterations` and the token budget.
 *
 * One iteration = the model's turns up to and including a turn that edits (or finishes),
 * followed by one fast verify. Read-only turns (read_file, find_references) stay inside the
 * iteration, bounded by MAX_TURNS_PER_ITERATION and the token budget.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Project } from 'ts-morph';
import { GodwitError, isGodwitError } from '../errors.js';
import { addUsage, emptyUsage, type AgentIteration, type TranscriptEntry, type Usage, type VerifierResult } from '../report/run-report.js';
import { fastVerify, formatFeedback, type FastVerifyResult } from '../verify/fast/index.js';
import { applyTextEdits, parseSearchReplace } from './edit-formats/search-replace.js';
import { applyToolCalls } from './edit-formats/tool-calls.js';
import type { ChatResult, LlmClient } from './llm-client.js';
import type { Redactor } from './redact.js';
import { TOOLS, toOpenAiTool, type ToolContext } from './tools/index.js';

export const MAX_TURNS_PER_ITERATION = 8;
/** Characters of one message kept in the transcript (a runaway answer must not bloat the report). */
const TRANSCRIPT_CAP = 20_000;
/** A plain answer longer than this is not a report: it is malformed output, fed back as such. */
export const MAX_PLAIN_ANSWER_CHARS = 20_000;

export interface LoopOptions {
  client: LlmClient;
  project: Project;
  tools: ToolContext;
  useTools: boolean;
  baseline: ReadonlyArray<VerifierResult>;
  verify: { typecheck: boolean; lint: boolean; test: boolean; timeoutMs: number; maxOutputBytes: number };
  maxIterations: number;
  tokenBudget: number;
  redact: Redactor;
  signal?: AbortSignal;
  log: (level: 'info' | 'warn', message: string) => void;
}

/** Conversation and records, shared across the main loop and the judge's corrective round. */
export interface LoopState {
  messages: ChatCompletionMessageParam[];
  transcript: TranscriptEntry[];
  iterations: AgentIteration[];
  usage: Usage;
  finalReport?: string;
  lastVerify?: FastVerifyResult;
}

export type LoopOutcome =
  | { status: 'verified'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'error'; reason: string; error: GodwitError }
  | { status: 'cancelled'; reason: string };

export function newLoopState(system: string, user: string, redact: Redactor): LoopState {
  return {
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    transcript: [
      { role: 'system', content: cap(redact(system)) },
      { role: 'user', content: cap(redact(user)) },
    ],
    iterations: [],
    usage: emptyUsage(),
  };
}

function cap(text: string): string {
  return text.length > TRANSCRIPT_CAP ? `${text.slice(0, TRANSCRIPT_CAP)}\n… [${text.length - TRANSCRIPT_CAP} more characters not kept]` : text;
}

function pushUser(state: LoopState, content: string, redact: Redactor): void {
  state.messages.push({ role: 'user', content });
  state.transcript.push({ role: 'user', content: cap(redact(content)) });
}

function pushAssistant(state: LoopState, result: ChatResult, redact: Redactor): void {
  const toolCalls = result.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } }));
  state.messages.push({ role: 'assistant', content: result.content || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
  state.transcript.push({
    role: 'assistant',
    content: cap(redact(result.content)),
    ...(result.toolCalls.length ? { toolCalls: result.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: cap(redact(c.arguments)) })) } : {}),
    usage: result.usage,
  });
}

function pushTool(state: LoopState, toolCallId: string, content: string, redact: Redactor): void {
  state.messages.push({ role: 'tool', tool_call_id: toolCallId, content });
  state.transcript.push({ role: 'tool', toolCallId, content: cap(redact(content)) });
}

interface TurnSummary {
  applied: number;
  refused: number;
  wrote: boolean;
  finished: boolean;
  report?: string;
  /** Text-format problems or notes to send back with the verify feedback. */
  notes: string[];
}

/**
 * A huge answer without edits is not "done, here is my report": it ends the iteration as a
 * refused turn, so the model is told and the run cannot end in a misleading `no-changes`.
 */
function rejectOversizedAnswer(content: string, summary: TurnSummary): boolean {
  if (content.length <= MAX_PLAIN_ANSWER_CHARS) return false;
  summary.refused++;
  summary.wrote = true;
  summary.notes.push(
    `Your answer was ${content.length} characters of text without an edit. Make changes through the tools (or SEARCH/REPLACE blocks) and finish with a short report (at most ${MAX_PLAIN_ANSWER_CHARS} characters).`,
  );
  return true;
}

/** Runs one model turn and applies what it asked for. */
async function turn(state: LoopState, options: LoopOptions): Promise<TurnSummary> {
  const result = await options.client.chat({
    messages: state.messages,
    ...(options.useTools ? { tools: TOOLS.map(toOpenAiTool) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  state.usage = addUsage(state.usage, result.usage);
  pushAssistant(state, result, options.redact);
  const summary: TurnSummary = { applied: 0, refused: 0, wrote: false, finished: false, notes: [] };
  if (options.useTools) {
    if (result.toolCalls.length === 0) {
      if (rejectOversizedAnswer(result.content, summary)) return summary;
      // A plain answer: the model considers itself done; its text is the report.
      summary.finished = true;
      summary.report = result.content.trim() || undefined;
      return summary;
    }
    const applied = await applyToolCalls(result.toolCalls, options.tools);
    for (const a of applied) {
      pushTool(state, a.call.id, a.output, options.redact);
      const writes = TOOLS.find((t) => t.name === a.call.name)?.writes ?? false;
      if (a.kind === 'applied') summary.applied++;
      if (a.kind === 'refused' || (writes && a.kind === 'invalid')) summary.refused++;
      if (writes) summary.wrote = true;
      if (a.kind === 'finish') {
        summary.finished = true;
        summary.report = a.report;
      }
    }
    return summary;
  }
  const parsed = parseSearchReplace(result.content);
  if (parsed.edits.length === 0 && parsed.errors.length === 0) {
    if (rejectOversizedAnswer(result.content, summary)) return summary;
    summary.finished = true;
    summary.report = result.content.trim() || undefined;
    return summary;
  }
  summary.wrote = true;
  const applied = await applyTextEdits(parsed.edits, options.tools);
  for (const a of applied) {
    if (a.kind === 'applied') summary.applied++;
    else summary.refused++;
    summary.notes.push(`${a.edit.path}: ${a.output}`);
  }
  for (const e of parsed.errors) {
    summary.refused++;
    summary.notes.push(`Format error: ${e}`);
  }
  return summary;
}

/** Runs up to `maxIterations` iterations on `state`; the caller decides what to do with the outcome. */
export async function runLoop(state: LoopState, options: LoopOptions, maxIterations = options.maxIterations): Promise<LoopOutcome> {
  let lastProblem = 'the model never finished';
  for (let i = 0; i < maxIterations; i++) {
    const started = performance.now();
    const index = state.iterations.length + 1;
    const usageBefore = state.usage;
    let applied = 0;
    let refused = 0;
    let finished = false;
    let report: string | undefined;
    const notes: string[] = [];
    try {
      for (let t = 0; t < MAX_TURNS_PER_ITERATION; t++) {
        if (options.signal?.aborted) return { status: 'cancelled', reason: 'cancelled during the agent loop' };
        if (state.usage.totalTokens >= options.tokenBudget) {
          record(state, index, applied, refused, [], usageBefore, started, 'token budget exhausted');
          return { status: 'failed', reason: `token budget exhausted (${state.usage.totalTokens} of ${options.tokenBudget} tokens used)` };
        }
        const s = await turn(state, options);
        applied += s.applied;
        refused += s.refused;
        notes.push(...s.notes);
        if (s.finished) {
          finished = true;
          report = s.report;
        }
        if (s.wrote || s.finished) break;
      }
    } catch (error) {
      record(state, index, applied, refused, [], usageBefore, started, undefined);
      if (isGodwitError(error) && error.code === 'cancelled') return { status: 'cancelled', reason: 'cancelled during an LLM request' };
      const e = isGodwitError(error) ? error : new GodwitError('llm-failed', options.redact(String((error as Error)?.message ?? error)));
      return { status: 'error', reason: options.redact(e.message), error: e };
    }

    // Verify whenever anything changed so far (the cumulative set: an earlier break may still be open).
    const changed = [...options.tools.changed];
    let verify: FastVerifyResult | undefined;
    if (changed.length && (applied > 0 || finished || !state.lastVerify)) {
      verify = await fastVerify({
        dir: options.tools.root,
        project: options.project,
        changed,
        baseline: options.baseline,
        ...options.verify,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      state.lastVerify = verify;
    }
    const green = verify ? verify.ok : (state.lastVerify?.ok ?? true);
    const errors = verify && !verify.ok ? formatFeedback(verify) : '';
    const noteText = notes.length ? `${notes.join('\n')}\n\n` : '';
    let feedback: string | undefined;
    if (finished && green) {
      if (report) state.finalReport = report;
      record(state, index, applied, refused, verify?.results ?? [], usageBefore, started, noteText.trim() || undefined);
      return { status: 'verified', reason: `the agent finished after ${index} iteration(s) with no new errors` };
    }
    if (finished) {
      feedback = `${noteText}You finished, but godwit's checks of the changed files show NEW errors:\n${errors}\nFix them, then finish again.`;
      lastProblem = 'the model finished with new errors';
    } else if (!green) {
      feedback = `${noteText}godwit checked your edits. NEW errors (not present before the change):\n${errors}\nFix them. Do not suppress them (no @ts-ignore, no eslint-disable, no skipped tests).`;
      lastProblem = 'new errors remain';
    } else if (applied === 0 && refused > 0) {
      feedback = noteText.trim() ? `${noteText}Nothing was applied; correct the edits above.` : undefined;
      lastProblem = 'edits were refused';
    } else if (applied > 0) {
      feedback = `${noteText}Checks of the changed files pass. Continue with the remaining sites, or call finish with your report when the migration is complete.`;
      lastProblem = 'the model never finished';
    } else {
      feedback = 'Continue: make the edits the migration needs, or call finish with your report.';
    }
    if (feedback) {
      // In tool mode the tool results already answer each call; the verify feedback follows as a user turn.
      pushUser(state, feedback, options.redact);
    }
    record(state, index, applied, refused, verify?.results ?? [], usageBefore, started, feedback && options.redact(feedback));
    options.log('info', `agent iteration ${index}: ${applied} edit(s) applied, ${refused} refused, ${green ? 'checks pass' : 'new errors'}`);
  }
  return { status: 'failed', reason: `iteration cap reached (${maxIterations}) — ${lastProblem}` };
}

function record(
  state: LoopState,
  index: number,
  applied: number,
  refused: number,
  verify: VerifierResult[],
  usageBefore: Usage,
  started: number,
  feedback: string | undefined,
): void {
  const usage: Usage = {
    requests: state.usage.requests - usageBefore.requests,
    promptTokens: state.usage.promptTokens - usageBefore.promptTokens,
    completionTokens: state.usage.completionTokens - usageBefore.completionTokens,
    totalTokens: state.usage.totalTokens - usageBefore.totalTokens,
    costUsd: state.usage.costUsd - usageBefore.costUsd,
  };
  state.iterations.push({
    index,
    editsApplied: applied,
    editsRefused: refused,
    verify,
    usage,
    durationMs: Math.round(performance.now() - started),
    ...(feedback ? { feedback } : {}),
  });
}

/**
 * The feedback loop: ask the model for edits → apply them safely → fast verify → feed the
 * condensed NEW errors back → repeat, up to `maxIterations` and the token budget.
 *
 * One iteration = the model's turns up to and including a turn that edits (or finishes),
 * followed by one fast verify. Read-only turns (read_file, find_references) stay inside the
 * iteration, bounded by MAX_TURNS_PER_ITERATION and the token budget.
 *
 * Around it, what real models get wrong (docs/llm-endpoint.md, "When the model misbehaves"):
 * the loop guard (loop-guard.ts) names and stops repeated edits, repeated errors, invented
 * paths, scope creep and finishing with red checks; a plain answer without tool calls gets one
 * nudge; each request carries a pruned copy of the history (history.ts), shrunk further when
 * the endpoint says the prompt does not fit.
 */
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { Project } from 'ts-morph';
import { GodwitError, isGodwitError } from '../errors.js';
import { addUsage, emptyUsage, type AgentIteration, type TranscriptEntry, type Usage, type VerifierResult } from '../report/run-report.js';
import { fastVerify, formatFeedback, type FastVerifyResult } from '../verify/fast/index.js';
import { applyTextEdits, parseSearchReplace } from './edit-formats/search-replace.js';
import { applyToolCalls } from './edit-formats/tool-calls.js';
import { estimateTokens, MAX_PRUNE_LEVEL, pruneMessages, type MessageMeta, type PruneLevel } from './history.js';
import { ContextOverflowError, type ChatResult, type LlmClient } from './llm-client.js';
import { LoopGuard, writeLabel, writeSignature, type IterationObservation } from './loop-guard.js';
import type { Redactor } from './redact.js';
import { capToolResult, TOOLS, toOpenAiTool, type ToolContext } from './tools/index.js';

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
  /** Summarise old tool results each round (default true); off resends everything. */
  pruneHistory?: boolean;
  /** Cap of the check results fed back, in bytes (the tool-result cap). */
  maxResultBytes?: number;
  signal?: AbortSignal;
  log: (level: 'info' | 'warn', message: string) => void;
}

/** Conversation and records, shared across the main loop and the judge's corrective round. */
export interface LoopState {
  messages: ChatCompletionMessageParam[];
  /** Per message: its iteration and kind, for pruning (history.ts). */
  meta: MessageMeta[];
  transcript: TranscriptEntry[];
  iterations: AgentIteration[];
  usage: Usage;
  finalReport?: string;
  lastVerify?: FastVerifyResult;
  guard: LoopGuard;
  /** Raised for the rest of the run when the endpoint said the prompt does not fit. */
  minPruneLevel: PruneLevel;
  /** The context window learned from a context-length error. */
  learnedContextWindow?: number;
  /** A plain answer without tool calls was already nudged once. */
  proseNudged: boolean;
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
    meta: [
      { iteration: 0, kind: 'system' },
      { iteration: 0, kind: 'task' },
    ],
    transcript: [
      { role: 'system', content: cap(redact(system)) },
      { role: 'user', content: cap(redact(user)) },
    ],
    iterations: [],
    usage: emptyUsage(),
    guard: new LoopGuard(),
    minPruneLevel: 0,
    proseNudged: false,
  };
}

function cap(text: string): string {
  return text.length > TRANSCRIPT_CAP ? `${text.slice(0, TRANSCRIPT_CAP)}\n… [${text.length - TRANSCRIPT_CAP} more characters not kept]` : text;
}

const currentIteration = (state: LoopState): number => state.iterations.length + 1;

/** Adds a user message (feedback, a nudge, the judge's corrections) to the conversation. */
export function pushUser(state: LoopState, content: string, redact: Redactor, kind: MessageMeta['kind'] = 'feedback'): void {
  state.messages.push({ role: 'user', content });
  state.meta.push({ iteration: currentIteration(state), kind });
  state.transcript.push({ role: 'user', content: cap(redact(content)) });
}

function pushAssistant(state: LoopState, result: ChatResult, redact: Redactor): void {
  const toolCalls = result.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } }));
  state.messages.push({ role: 'assistant', content: result.content || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
  state.meta.push({ iteration: currentIteration(state), kind: 'assistant' });
  state.transcript.push({
    role: 'assistant',
    content: cap(redact(result.content)),
    ...(result.toolCalls.length ? { toolCalls: result.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: cap(redact(c.arguments)) })) } : {}),
    usage: result.usage,
  });
}

function pushTool(state: LoopState, toolCallId: string, tool: string, content: string, redact: Redactor): void {
  state.messages.push({ role: 'tool', tool_call_id: toolCallId, content });
  state.meta.push({ iteration: currentIteration(state), kind: 'tool', tool, summary: content.split('\n', 1)[0]!.slice(0, 160) });
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
  /** A plain answer without tool calls, answered with a nudge instead of being taken as done. */
  nudged?: boolean;
  observation: Pick<IterationObservation, 'writes' | 'problems' | 'calls' | 'malformedCalls'>;
}

function emptyTurn(): TurnSummary {
  return { applied: 0, refused: 0, wrote: false, finished: false, notes: [], observation: { writes: [], problems: [], calls: 0, malformedCalls: 0 } };
}

/** An empty report is no report: the property stays absent. */
function setReport(summary: TurnSummary, report: string | undefined): void {
  if (report) summary.report = report;
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

const PROSE_NUDGE =
  'You answered without calling a tool, so nothing was changed or finished. If the migration still needs changes, make them with the tools. If it is complete, call finish{report} with your report.';

/** Sends the pruned conversation; on a context-length error, shrinks it further and sends again. */
async function ask(state: LoopState, options: LoopOptions, tools: ChatCompletionTool[] | undefined): Promise<ChatResult> {
  const base: PruneLevel = options.pruneHistory === false ? 0 : 1;
  let level = Math.max(base, state.minPruneLevel) as PruneLevel;
  const window = state.learnedContextWindow ?? options.client.settings?.().contextWindow;
  const toolsJson = tools ? JSON.stringify(tools) : '';
  for (;;) {
    let messages = pruneMessages(state.messages, state.meta, currentIteration(state), level);
    // A known window: shrink before sending rather than after a rejected request.
    while (window !== undefined && level < MAX_PRUNE_LEVEL && estimateTokens(messages, toolsJson) > window * 0.9) {
      level = (level + 1) as PruneLevel;
      messages = pruneMessages(state.messages, state.meta, currentIteration(state), level);
    }
    try {
      return await options.client.chat({ messages, ...(tools ? { tools } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (!(error instanceof ContextOverflowError) || level >= MAX_PRUNE_LEVEL) throw error;
      if (error.limit !== undefined) state.learnedContextWindow = error.limit;
      level = (level + 1) as PruneLevel;
      state.minPruneLevel = level;
      options.log('warn', `the model's context window is full; the conversation is shrunk (level ${level}) and sent again`);
    }
  }
}

/** Runs one model turn and applies what it asked for. */
async function turn(state: LoopState, options: LoopOptions): Promise<TurnSummary> {
  const result = await ask(state, options, options.useTools ? TOOLS.map(toOpenAiTool) : undefined);
  state.usage = addUsage(state.usage, result.usage);
  pushAssistant(state, result, options.redact);
  const summary = emptyTurn();
  if (options.useTools) {
    if (result.toolCalls.length === 0) {
      if (rejectOversizedAnswer(result.content, summary)) return summary;
      if (!state.proseNudged) {
        // Models often narrate instead of acting ("I would now change …"): tell them once.
        state.proseNudged = true;
        summary.nudged = true;
        summary.notes.push(PROSE_NUDGE);
        return summary;
      }
      // A second plain answer: the model considers itself done; its text is the report.
      summary.finished = true;
      setReport(summary, result.content.trim());
      return summary;
    }
    const applied = await applyToolCalls(result.toolCalls, options.tools);
    for (const a of applied) {
      pushTool(state, a.call.id, a.call.name, a.output, options.redact);
      const writes = TOOLS.find((t) => t.name === a.call.name)?.writes ?? false;
      summary.observation.calls++;
      if (a.problem === 'malformed-arguments' || a.problem === 'unknown-tool') summary.observation.malformedCalls++;
      if (a.problem) summary.observation.problems.push({ problem: a.problem, ...(a.path ? { path: a.path } : {}) });
      if (writes) summary.observation.writes.push({ signature: writeSignature(a.call.name, a.call.arguments), label: writeLabel(a.call.name, a.call.arguments), applied: a.kind === 'applied' });
      if (a.kind === 'applied') summary.applied++;
      if (a.kind === 'refused' || (writes && a.kind === 'invalid')) summary.refused++;
      if (writes) summary.wrote = true;
      if (a.kind === 'finish') {
        summary.finished = true;
        setReport(summary, a.report);
      }
    }
    return summary;
  }
  const parsed = parseSearchReplace(result.content);
  if (parsed.edits.length === 0 && parsed.errors.length === 0) {
    if (rejectOversizedAnswer(result.content, summary)) return summary;
    summary.finished = true;
    setReport(summary, result.content.trim());
    return summary;
  }
  summary.wrote = true;
  const applied = await applyTextEdits(parsed.edits, options.tools);
  for (const a of applied) {
    const raw = JSON.stringify(a.edit);
    summary.observation.calls++;
    summary.observation.writes.push({ signature: writeSignature('edit_file', raw), label: `edit ${a.edit.path}`, applied: a.kind === 'applied' });
    if (a.problem) summary.observation.problems.push({ problem: a.problem, ...(a.path ? { path: a.path } : {}) });
    if (a.kind === 'applied') summary.applied++;
    else summary.refused++;
    summary.notes.push(`${a.edit.path}: ${a.output}`);
  }
  for (const e of parsed.errors) {
    summary.refused++;
    summary.observation.calls++;
    summary.observation.malformedCalls++;
    summary.notes.push(`Format error: ${e}`);
  }
  return summary;
}

/** Runs up to `maxIterations` iterations on `state`; the caller decides what to do with the outcome. */
export async function runLoop(state: LoopState, options: LoopOptions, maxIterations = options.maxIterations): Promise<LoopOutcome> {
  let lastProblem = 'the model never finished';
  const resultCap = options.maxResultBytes ?? options.tools.maxResultBytes;
  for (let i = 0; i < maxIterations; i++) {
    const started = performance.now();
    const index = state.iterations.length + 1;
    const usageBefore = state.usage;
    let applied = 0;
    let refused = 0;
    let finished = false;
    let nudged = false;
    let report: string | undefined;
    const notes: string[] = [];
    const observation: IterationObservation = { writes: [], problems: [], calls: 0, malformedCalls: 0, applied: 0, green: true, finishedRed: false };
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
        observation.writes.push(...s.observation.writes);
        observation.problems.push(...s.observation.problems);
        observation.calls += s.observation.calls;
        observation.malformedCalls += s.observation.malformedCalls;
        if (s.finished) {
          finished = true;
          report = s.report;
        }
        if (s.nudged) nudged = true;
        if (s.wrote || s.finished || s.nudged) break;
      }
    } catch (error) {
      record(state, index, applied, refused, [], usageBefore, started, undefined);
      if (isGodwitError(error) && error.code === 'cancelled') return { status: 'cancelled', reason: 'cancelled during an LLM request' };
      if (error instanceof ContextOverflowError) {
        return { status: 'failed', reason: `the conversation does not fit the model's context window even after shrinking it to the task and the last exchange (${options.redact(error.message)})` };
      }
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
    const latest = verify ?? state.lastVerify;
    const green = latest ? latest.ok : true;
    const errors = latest && !latest.ok ? formatFeedback(latest) : '';
    observation.applied = applied;
    observation.green = green;
    observation.finishedRed = finished && !green;
    if (!green && (applied > 0 || finished)) observation.errors = errors;
    const verdict = state.guard.observe(observation);
    const noteText = notes.length ? `${notes.join('\n')}\n\n` : '';
    const warnText = verdict.warnings.length ? `\n\n${verdict.warnings.join('\n')}` : '';
    let feedback: string | undefined;
    if (finished && green) {
      if (report) state.finalReport = report;
      record(state, index, applied, refused, verify?.results ?? [], usageBefore, started, noteText.trim() || undefined);
      return { status: 'verified', reason: `the agent finished after ${index} iteration(s) with no new errors` };
    }
    if (verdict.stop) {
      record(state, index, applied, refused, verify?.results ?? [], usageBefore, started, `godwit stopped the run: ${verdict.stop.reason}`);
      options.log('warn', `agent iteration ${index}: stopped — ${verdict.stop.reason}`);
      return { status: 'failed', reason: verdict.stop.reason };
    }
    if (finished) {
      feedback = `${noteText}You finished, but godwit's checks of the changed files show NEW errors:\n${errors}\nFix them, then finish again.${warnText}`;
      lastProblem = 'the model finished with new errors';
    } else if (!green && applied > 0) {
      feedback = `${noteText}godwit checked your edits. NEW errors (not present before the change):\n${errors}\nFix them. Do not suppress them (no @ts-ignore, no eslint-disable, no skipped tests).${warnText}`;
      lastProblem = 'new errors remain';
    } else if (nudged) {
      feedback = `${noteText.trim()}${warnText}`;
      lastProblem = 'the model answered without tool calls';
    } else if (applied === 0 && refused > 0) {
      const open = !green ? `\n\nThe checks of the changed files still show NEW errors:\n${errors}` : '';
      feedback = `${noteText}Nothing was applied; correct the edits above.${open}${warnText}`;
      lastProblem = 'edits were refused';
    } else if (applied > 0) {
      feedback = `${noteText}Checks of the changed files pass. Continue with the remaining sites, or call finish with your report when the migration is complete.${warnText}`;
      lastProblem = 'the model never finished';
    } else {
      feedback = `${noteText}Continue: make the edits the migration needs, or call finish with your report.${warnText}`;
    }
    if (feedback?.trim()) {
      // In tool mode the tool results already answer each call; the verify feedback follows as a user turn.
      pushUser(state, resultCap ? capToolResult(feedback, resultCap, 'fix the errors shown first') : feedback, options.redact);
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
    ...(state.usage.reasoningTokens !== undefined ? { reasoningTokens: state.usage.reasoningTokens - (usageBefore.reasoningTokens ?? 0) } : {}),
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

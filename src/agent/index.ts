/**
 * The agent's entry: `runAgent(input)`, called by the pipeline's agent stage. It builds the
 * prompt, runs the feedback loop, asks the judge (advise/veto; one corrective round on a
 * veto) and returns everything the RunReport records: iterations, usage, transcript, final
 * report, verdict, model, status.
 */
import type { Project } from 'ts-morph';
import type { LoadedMigration } from '../catalog/definition.js';
import type { GodwitConfig } from '../config/schema.js';
import { createWorkspaceProject } from '../context/index.js';
import type { GodwitError } from '../errors.js';
import {
  addUsage,
  type AgentIteration,
  type JudgeVerdict,
  type TranscriptEntry,
  type Usage,
  type VerifierKind,
  type VerifierResult,
} from '../report/run-report.js';
import { workingTreeDiff } from '../verify/guards/working-tree-diff.js';
import { runJudge } from './judge.js';
import { createLlmClient, type LlmClient, type LlmLimiter } from './llm-client.js';
import { newLoopState, pushUser, runLoop, type LoopOptions, type LoopOutcome } from './loop.js';
import { correctionPrompt } from './prompts/judge.js';
import { systemPrompt } from './prompts/system.js';
import { userPrompt } from './prompts/user.js';
import { createRedactor } from './redact.js';
import { DEFAULT_MAX_FILE_BYTES } from './tools/index.js';

export interface RunAgentInput {
  /** Absolute workspace root (a clone). */
  dir: string;
  migration: LoadedMigration;
  config: GodwitConfig;
  /** The workspace's one ts-morph Project (from the context engine/codemod); created when absent. */
  project?: Project;
  /** The context engine's rendering of the remaining sites (BuiltContext.text) and how many are left. */
  context?: { text: string; sitesLeft?: number };
  /** Baseline verifier results: their diagnostics are not "new". */
  baseline: ReadonlyArray<VerifierResult>;
  /** Verifier failures after the codemod, described for the model. */
  currentFailures?: string;
  signal?: AbortSignal;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Global cap on concurrent LLM requests (fleet mode). */
  acquire?: LlmLimiter;
  /** Stream responses over SSE. Default: `config.llm.stream`. */
  stream?: boolean;
  /** Diff for the judge; default: working tree against HEAD (untracked files included). */
  diff?: () => Promise<string>;
  /** Overrides (tests, eval): the client to use. */
  client?: LlmClient;
  /** Judge client (default: `config.llm.judgeModel` or the same model). */
  judgeClient?: LlmClient;
}

export type AgentStatus = 'verified' | 'failed' | 'error' | 'cancelled';

export interface AgentResult {
  status: AgentStatus;
  reason: string;
  /** Set when status is `error` (llm-unreachable, llm-failed …). */
  error?: GodwitError;
  model: string;
  iterations: AgentIteration[];
  usage: Usage;
  transcript: TranscriptEntry[];
  finalReport?: string;
  judge?: JudgeVerdict;
  /** Repository-relative paths the agent wrote, created or deleted. */
  changedFiles: string[];
}

export { canUseLlm, needsLlm } from './uses-llm.js';

const MAX_REPORT_CHARS = 20_000;

function capReport(text: string): string {
  return text.length > MAX_REPORT_CHARS ? `${text.slice(0, MAX_REPORT_CHARS)}\n… (report cut at ${MAX_REPORT_CHARS} characters)` : text;
}

export async function runAgent(input: RunAgentInput): Promise<AgentResult> {
  const { definition } = input.migration;
  const log = input.log ?? (() => {});
  const redact = createRedactor([input.config.llm.apiKey, input.config.github.token, input.config.dashboard.token]);
  const onNotice = (message: string): void => log('warn', message);
  const client =
    input.client ??
    createLlmClient(input.config, { ...(input.stream !== undefined ? { stream: input.stream } : {}), ...(input.acquire ? { acquire: input.acquire } : {}), onNotice });
  const useTools = input.config.llm.tools;
  const project = input.project ?? createWorkspaceProject(input.dir);
  const mustPass = (['typecheck', 'lint', 'test'] as VerifierKind[]).filter((k) => definition.verify[k]);

  const state = newLoopState(
    systemPrompt({ tools: useTools }),
    userPrompt({
      migrationTitle: definition.title,
      promptText: input.migration.promptText,
      ...(input.context ? { contextText: input.context.text } : {}),
      ...(input.context?.sitesLeft !== undefined ? { sitesLeft: input.context.sitesLeft } : {}),
      mustPass,
      baseline: input.baseline,
      ...(input.currentFailures ? { currentFailures: input.currentFailures } : {}),
      scope: { include: definition.scope.include, exclude: definition.scope.exclude },
      tools: useTools,
    }),
    redact,
  );
  const changed = new Set<string>();
  const options: LoopOptions = {
    client,
    project,
    tools: {
      root: input.dir,
      scope: { include: definition.scope.include, exclude: definition.scope.exclude },
      project,
      changed,
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      maxResultBytes: input.config.agent.maxToolResultBytes,
      seen: new Set<string>(),
    },
    pruneHistory: input.config.agent.pruneHistory,
    useTools,
    baseline: input.baseline,
    verify: {
      typecheck: definition.verify.typecheck,
      lint: definition.verify.lint,
      test: definition.verify.test,
      timeoutMs: input.config.verify.timeoutMs,
      maxOutputBytes: input.config.verify.maxOutputBytes,
    },
    maxIterations: definition.agent.maxIterations,
    tokenBudget: definition.agent.tokenBudget,
    redact,
    log,
    ...(input.signal ? { signal: input.signal } : {}),
  };

  log('info', `agent: ${client.model} at ${client.baseUrl}, up to ${options.maxIterations} iteration(s)`);
  let outcome: LoopOutcome = await runLoop(state, options);
  let judge: JudgeVerdict | undefined;

  if (outcome.status === 'verified' && definition.agent.judge !== 'off') {
    const judgeClient =
      input.judgeClient ??
      (input.client
        ? input.client
        : input.config.llm.judgeModel
          ? createLlmClient(input.config, { model: input.config.llm.judgeModel, ...(input.acquire ? { acquire: input.acquire } : {}), onNotice })
          : client);
    const getDiff = input.diff ?? (() => workingTreeDiff(input.dir));
    const ask = async (): Promise<JudgeVerdict> => {
      const j = await runJudge({
        client: judgeClient,
        mode: definition.agent.judge,
        migrationTitle: definition.title,
        promptText: input.migration.promptText,
        diff: await getDiff(),
        redact,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      state.usage = addUsage(state.usage, j.usage);
      state.transcript.push(...j.transcript);
      return j.verdict;
    };
    judge = await ask();
    log('info', `judge (${judge.mode}): ${judge.verdict}${judge.reasons.length ? ` — ${judge.reasons.join('; ')}` : ''}`);
    if (judge.mode === 'veto' && judge.verdict === 'fail') {
      // One corrective round: the reasons go back to the agent, then the judge looks again.
      const firstReasons = judge.reasons;
      pushUser(state, correctionPrompt(firstReasons), redact);
      outcome = await runLoop(state, options, 1);
      if (outcome.status === 'verified') {
        const second = await ask();
        judge = { ...second, corrected: true, reasons: [...firstReasons.map((r) => `first review: ${r}`), ...second.reasons] };
        if (second.verdict === 'fail') outcome = { status: 'failed', reason: `the judge vetoed the change after one corrective round: ${second.reasons.join('; ')}` };
      } else {
        judge = { ...judge, corrected: false };
        if (outcome.status === 'failed') outcome = { status: 'failed', reason: `the judge vetoed the change and the corrective round did not finish: ${outcome.reason}` };
      }
    }
  }

  return {
    status: outcome.status,
    reason: outcome.reason,
    ...(outcome.status === 'error' ? { error: outcome.error } : {}),
    model: client.model,
    iterations: state.iterations,
    usage: state.usage,
    transcript: state.transcript,
    ...(state.finalReport ? { finalReport: capReport(redact(state.finalReport)) } : {}),
    ...(judge ? { judge } : {}),
    changedFiles: [...changed].sort(),
  };
}

export { requireModel, isLlmConfigured, createLlmClient, costOf, type LlmClient, type LlmLimiter } from './llm-client.js';
export { createRedactor, type Redactor } from './redact.js';

/**
 * The RunReport: what happened to one repository under one migration. The same JSON is printed
 * by `godwit run --json`, stored as the BullMQ job's return value, shown on the dashboard and
 * rendered into the PR body. Bump SCHEMA_VERSION on any incompatible change.
 */
import { z } from 'zod';
import { ciRoundSchema } from './follow-up.js';

export * from './follow-up.js';

export const SCHEMA_VERSION = 1;

export const RUN_STATUSES = [
  'verified',
  'not-applicable',
  'no-changes',
  'baseline-broken',
  'failed',
  'error',
  'cancelled',
  /** Changed, but no typecheck and no test ran to judge it: a draft PR at most. */
  'unverified',
] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const STAGE_NAMES = ['prepare', 'baseline', 'codemod', 'agent', 'gate', 'publish'] as const;
export const stageNameSchema = z.enum(STAGE_NAMES);
export type StageName = z.infer<typeof stageNameSchema>;

export const stageRecordSchema = z.object({
  name: stageNameSchema,
  status: z.enum(['ok', 'skipped', 'failed', 'error']),
  startedAt: z.string(),
  durationMs: z.number(),
  summary: z.string().optional(),
});
export type StageRecord = z.infer<typeof stageRecordSchema>;

export const diagnosticSchema = z.object({
  file: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  code: z.string().optional(),
  message: z.string(),
  severity: z.enum(['error', 'warning']).default('error'),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const VERIFIER_KINDS = ['typecheck', 'lint', 'test'] as const;
export const verifierKindSchema = z.enum(VERIFIER_KINDS);
export type VerifierKind = z.infer<typeof verifierKindSchema>;

export const testCountsSchema = z.object({
  passed: z.number(),
  failed: z.number(),
  skipped: z.number(),
  total: z.number(),
});
export type TestCounts = z.infer<typeof testCountsSchema>;

export const verifierResultSchema = z.object({
  kind: verifierKindSchema,
  command: z.string(),
  status: z.enum(['pass', 'fail', 'error', 'timeout', 'skipped']),
  exitCode: z.number().nullable(),
  durationMs: z.number(),
  /** Condensed: at most a few dozen, each a few lines. */
  diagnostics: z.array(diagnosticSchema),
  diagnosticsTotal: z.number(),
  tests: testCountsSchema.optional(),
  /** Last lines of output, capped, for when no diagnostic could be parsed. */
  outputTail: z.string(),
  /** Set on results compared with a baseline: diagnostics not present at baseline. */
  newDiagnostics: z.array(diagnosticSchema).optional(),
  /** Number of baseline diagnostics that are gone. */
  fixedCount: z.number().optional(),
  /** A baseline result reused from the baseline cache (src/verify/baseline-cache.ts): not run in this job. */
  cached: z.boolean().optional(),
});
export type VerifierResult = z.infer<typeof verifierResultSchema>;

export const guardFindingSchema = z.object({
  guard: z.string(),
  severity: z.enum(['block', 'warn']),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
});
export type GuardFinding = z.infer<typeof guardFindingSchema>;

export const judgeVerdictSchema = z.object({
  mode: z.enum(['off', 'advise', 'veto']),
  verdict: z.enum(['pass', 'fail', 'skipped', 'error']),
  reasons: z.array(z.string()),
  corrected: z.boolean().default(false),
});
export type JudgeVerdict = z.infer<typeof judgeVerdictSchema>;

export const usageSchema = z.object({
  requests: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number(),
  costUsd: z.number(),
  /** Reasoning tokens (part of completionTokens) when the endpoint reports them. */
  reasoningTokens: z.number().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

export const transcriptEntrySchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })).optional(),
  toolCallId: z.string().optional(),
  usage: usageSchema.partial().optional(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const agentIterationSchema = z.object({
  index: z.number(),
  editsApplied: z.number(),
  editsRefused: z.number(),
  verify: z.array(verifierResultSchema),
  usage: usageSchema,
  durationMs: z.number(),
  feedback: z.string().optional(),
});
export type AgentIteration = z.infer<typeof agentIterationSchema>;

export const changedFileSchema = z.object({
  path: z.string(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed']),
  additions: z.number(),
  deletions: z.number(),
});
export type ChangedFile = z.infer<typeof changedFileSchema>;

export const PR_ACTIONS = [
  'created',
  'updated',
  'unchanged',
  'edited-by-human',
  'already-merged',
  'closed',
  'reopened',
  'dry-run',
  'pushed',
  'skipped',
] as const;
export const pullRequestRecordSchema = z.object({
  action: z.enum(PR_ACTIONS),
  branch: z.string(),
  url: z.string().optional(),
  number: z.number().optional(),
  state: z.enum(['open', 'draft', 'merged', 'closed']).optional(),
  commit: z.string().optional(),
});
export type PullRequestRecord = z.infer<typeof pullRequestRecordSchema>;

export const logLineSchema = z.object({
  ts: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  stage: stageNameSchema.optional(),
  message: z.string(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const installRecordSchema = z.object({
  packageManager: z.string(),
  command: z.string(),
  durationMs: z.number(),
  /** npm failed with ERESOLVE and succeeded again with --legacy-peer-deps. */
  legacyPeerDeps: z.boolean(),
});
export type InstallRecord = z.infer<typeof installRecordSchema>;

/** The sandbox the run's repository commands ran in (src/process/sandbox.ts, docs/security.md). */
export const sandboxRecordSchema = z.object({
  /** `off`: on the host, unprotected (GODWIT_SANDBOX=off). */
  level: z.enum(['bwrap', 'off']),
  /** `none`: repository code had no network (only the dependency download did); `host`: the host's. */
  network: z.enum(['none', 'host']),
  /** The uid repository commands ran as. */
  uid: z.number().int(),
});

export const runReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  runId: z.string(),
  migration: z.object({ id: z.string(), title: z.string() }),
  repo: z.object({ ref: z.string(), name: z.string(), defaultBranch: z.string().optional() }),
  status: runStatusSchema,
  reason: z.string(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  stages: z.array(stageRecordSchema),
  changedFiles: z.array(changedFileSchema),
  diff: z.string(),
  dependencies: z
    .object({
      added: z.record(z.string(), z.string()),
      removed: z.array(z.string()),
      upgraded: z.record(z.string(), z.string()),
    })
    .optional(),
  /**
   * The migration's target sites on the untouched tree (`found`), those the codemod's kept
   * changes removed (`handledByCodemod`), and the sites handed to the agent (`left`, the first
   * 200 listed with the reason each was left).
   */
  sites: z
    .object({
      found: z.number(),
      handledByCodemod: z.number(),
      left: z.number(),
      leftovers: z
        .array(z.object({ file: z.string(), line: z.number(), column: z.number(), kind: z.string(), reason: z.string().optional() }))
        .optional(),
    })
    .optional(),
  /** How dependencies were installed: the package manager and version, the command, and npm's --legacy-peer-deps retry. */
  install: installRecordSchema.optional(),
  /** Absent in reports from before the sandbox was recorded. */
  sandbox: sandboxRecordSchema.optional(),
  baseline: z.array(verifierResultSchema),
  final: z.array(verifierResultSchema),
  guards: z.array(guardFindingSchema),
  judge: judgeVerdictSchema.optional(),
  agent: z
    .object({
      model: z.string().optional(),
      iterations: z.array(agentIterationSchema),
      finalReport: z.string().optional(),
      transcript: z.array(transcriptEntrySchema),
    })
    .optional(),
  usage: usageSchema,
  pr: pullRequestRecordSchema.optional(),
  /** CI feedback rounds on this PR so far (follow-up runs only; docs/github.md). */
  ciRounds: z.array(ciRoundSchema).optional(),
  logs: z.array(logLineSchema),
});
export type RunReport = z.infer<typeof runReportSchema>;

export function emptyUsage(): Usage {
  return { requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0 };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    requests: a.requests + b.requests,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    costUsd: a.costUsd + b.costUsd,
    ...(a.reasoningTokens !== undefined || b.reasoningTokens !== undefined ? { reasoningTokens: (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0) } : {}),
  };
}

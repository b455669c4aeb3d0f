/**
 * The judge: one LLM call that reads the diff against the migration's prompt and returns a
 * structured verdict (JSON schema, validated with zod). In `advise` mode the verdict is only
 * recorded; in `veto` mode a fail sends the agent back for one corrective round.
 * A judge that cannot answer is recorded as `error` and never blocks the run on its own.
 */
import { z } from 'zod';
import { formatZodIssues, isGodwitError } from '../errors.js';
import { emptyUsage, type JudgeVerdict, type TranscriptEntry, type Usage } from '../report/run-report.js';
import type { LlmClient } from './llm-client.js';
import { JUDGE_SYSTEM, judgeUserPrompt } from './prompts/judge.js';
import type { Redactor } from './redact.js';
import { strictJsonSchema } from './tools/json-schema.js';

export const judgeAnswerSchema = z.object({ verdict: z.enum(['pass', 'fail']), reasons: z.array(z.string()) }).strict();
export type JudgeAnswer = z.infer<typeof judgeAnswerSchema>;


export interface JudgeInput {
  client: LlmClient;
  mode: JudgeVerdict['mode'];
  migrationTitle: string;
  promptText: string | undefined;
  diff: string;
  redact: Redactor;
  signal?: AbortSignal;
}

export interface JudgeOutcome {
  verdict: JudgeVerdict;
  usage: Usage;
  transcript: TranscriptEntry[];
}

/** Extracts the JSON object from an answer that may be fenced or wrapped in prose. */
export function parseJudgeAnswer(text: string): { ok: true; answer: JudgeAnswer } | { ok: false; reason: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidate = (fenced ?? text).trim();
  const start = candidate.indexOf('{');
  const end = candidate.lastIndexOf('}');
  if (start === -1 || end <= start) return { ok: false, reason: 'the judge did not answer with a JSON object' };
  let json: unknown;
  try {
    json = JSON.parse(candidate.slice(start, end + 1));
  } catch (error) {
    return { ok: false, reason: `the judge's answer is not valid JSON (${(error as Error).message})` };
  }
  const parsed = judgeAnswerSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `the judge's answer does not match the schema: ${formatZodIssues(parsed.error.issues)}` };
  return { ok: true, answer: parsed.data };
}

export async function runJudge(input: JudgeInput): Promise<JudgeOutcome> {
  if (input.mode === 'off') return { verdict: { mode: 'off', verdict: 'skipped', reasons: ['judge is off'], corrected: false }, usage: emptyUsage(), transcript: [] };
  if (!input.diff.trim()) {
    return { verdict: { mode: input.mode, verdict: 'skipped', reasons: ['no changes to judge'], corrected: false }, usage: emptyUsage(), transcript: [] };
  }
  const user = judgeUserPrompt(input.migrationTitle, input.promptText, input.diff);
  const transcript: TranscriptEntry[] = [
    { role: 'system', content: `[judge] ${JUDGE_SYSTEM}` },
    { role: 'user', content: input.redact(`[judge] ${user}`) },
  ];
  try {
    const result = await input.client.chat({
      messages: [
        { role: 'system', content: JUDGE_SYSTEM },
        { role: 'user', content: user },
      ],
      jsonSchema: { name: 'judge_verdict', schema: strictJsonSchema(judgeAnswerSchema) },
      temperature: 0,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    transcript.push({ role: 'assistant', content: input.redact(`[judge] ${result.content}`), usage: result.usage });
    const parsed = parseJudgeAnswer(result.content);
    const verdict: JudgeVerdict = parsed.ok
      ? { mode: input.mode, verdict: parsed.answer.verdict, reasons: parsed.answer.reasons.map(input.redact), corrected: false }
      : { mode: input.mode, verdict: 'error', reasons: [parsed.reason], corrected: false };
    return { verdict, usage: result.usage, transcript };
  } catch (error) {
    if (isGodwitError(error) && error.code === 'cancelled') throw error;
    const message = input.redact(error instanceof Error ? error.message : String(error));
    return { verdict: { mode: input.mode, verdict: 'error', reasons: [`judge request failed: ${message}`], corrected: false }, usage: emptyUsage(), transcript };
  }
}

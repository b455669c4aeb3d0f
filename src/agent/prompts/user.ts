/**
 * The first user message: the migration's prompt.md, what is left to do (the context
 * engine's rendering of the remaining sites), and what "done" means.
 */
import type { VerifierKind, VerifierResult } from '../../report/run-report.js';

export interface UserPromptInput {
  migrationTitle: string;
  /** prompt.md text (or the ad-hoc prompt file). */
  promptText: string | undefined;
  /** The context engine's rendered context for the remaining sites. */
  contextText?: string;
  /** Number of sites left after the codemod, when known. */
  sitesLeft?: number;
  /** Verifiers that must be green at the end. */
  mustPass: VerifierKind[];
  /** Baseline results: red ones are reported so the model knows what is not its doing. */
  baseline: ReadonlyArray<VerifierResult>;
  /** Failures after the codemod (fed to the model when the codemod left the repository red). */
  currentFailures?: string;
  /** Files the migration may touch. */
  scope: { include: string[]; exclude: string[] };
  tools: boolean;
}

export function userPrompt(input: UserPromptInput): string {
  const parts: string[] = [];
  parts.push(`# Migration: ${input.migrationTitle}\n\n${input.promptText?.trim() || '(no prompt text)'}`);
  const scope = `Files you may change: ${input.scope.include.join(', ')}${input.scope.exclude.length ? ` (except ${input.scope.exclude.join(', ')})` : ''}.`;
  parts.push(`# Scope\n\n${scope}`);
  if (input.contextText?.trim()) {
    const count = input.sitesLeft !== undefined ? ` (${input.sitesLeft} site${input.sitesLeft === 1 ? '' : 's'} left)` : '';
    parts.push(`# Code that still needs the change${count}\n\n${input.contextText.trim()}`);
  }
  if (input.currentFailures?.trim()) parts.push(`# Current failures\n\n${input.currentFailures.trim()}`);
  const red = input.baseline.filter((r) => r.status !== 'pass' && r.status !== 'skipped');
  const baselineNote = red.length
    ? `\nAlready red before any change (not your doing; do not try to fix unrelated failures): ${red.map((r) => `${r.kind} (${r.diagnosticsTotal} diagnostics)`).join(', ')}.`
    : '';
  const must = input.mustPass.length ? input.mustPass.join(', ') : 'none';
  const finish = input.tools
    ? 'When done, call finish with your report.'
    : 'When done, answer without any SEARCH/REPLACE block; that answer is your report.';
  parts.push(
    `# Done means\n\nThe end state above is reached in every place it applies, and these checks introduce no new errors: ${must}.${baselineNote}\n${finish}`,
  );
  return parts.join('\n\n');
}

/** The judge's prompt: a reviewer that reads the diff against the migration's intent. */
export const JUDGE_SYSTEM = `You review a pull request made by an automated migration agent. Decide whether the diff does what the migration asks, and nothing else.
Fail it when: the change does not reach the described end state; it changes unrelated code; it weakens checks (skipped/deleted tests, suppression comments, loosened compiler settings); it acts where the migration says not to act; or it is likely to change behaviour in a way the migration does not intend.
Answer with JSON only: {"verdict": "pass" | "fail", "reasons": ["…"]} — reasons are short, concrete, and name files.`;

const MAX_DIFF_CHARS = 60_000;

export function judgeUserPrompt(migrationTitle: string, promptText: string | undefined, diff: string): string {
  const shown = diff.length > MAX_DIFF_CHARS ? `${diff.slice(0, MAX_DIFF_CHARS)}\n… (diff cut at ${MAX_DIFF_CHARS} characters)` : diff;
  return `# Migration: ${migrationTitle}\n\n${promptText?.trim() || '(no prompt text)'}\n\n# Diff\n\n\`\`\`diff\n${shown}\n\`\`\``;
}

export function correctionPrompt(reasons: ReadonlyArray<string>): string {
  return `A reviewer rejected the change:\n${reasons.map((r) => `- ${r}`).join('\n')}\nCorrect the change accordingly (one round), then finish again with an updated report.`;
}

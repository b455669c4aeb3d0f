/**
 * Secret redaction for anything the agent records (transcript, logs, error reasons): the
 * configured keys/tokens by value, plus well-known token shapes a repository or a model may echo.
 */
const TOKEN_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key id
  /(authorization:\s*bearer\s+)[^\s"']+/gi,
];

export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/** Builds a redactor for the given secret values (empty/short values are ignored). */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string): string => {
    let out = text;
    for (const value of values) out = out.split(value).join(REDACTED);
    for (const pattern of TOKEN_PATTERNS) {
      out = out.replace(pattern, (match, prefix: unknown) => (typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED));
    }
    return out;
  };
}

/**
 * Every error godwit reports to a user is a GodwitError: a stable code, a message that says
 * what went wrong, and a hint that says what to do about it. The codes live here, in one list,
 * so that the CLI's exit codes, the RunReport and the docs agree.
 */

/** Error codes, grouped by the exit code they map to. */
export const ERROR_CODES = {
  // usage / configuration → exit 2
  USAGE: 'usage',
  CONFIG_INVALID: 'config-invalid',
  MIGRATION_UNKNOWN: 'migration-unknown',
  MIGRATION_INVALID: 'migration-invalid',
  REPO_INVALID: 'repo-invalid',
  REPO_NOT_FOUND: 'repo-not-found',
  LLM_NOT_CONFIGURED: 'llm-not-configured',
  GITHUB_TOKEN_MISSING: 'github-token-missing',
  DASHBOARD_TOKEN_MISSING: 'dashboard-token-missing',
  CAMPAIGN_UNKNOWN: 'campaign-unknown',
  // infrastructure → exit 3
  CLONE_FAILED: 'clone-failed',
  INSTALL_FAILED: 'install-failed',
  GIT_FAILED: 'git-failed',
  PUSH_FAILED: 'push-failed',
  LLM_UNREACHABLE: 'llm-unreachable',
  LLM_FAILED: 'llm-failed',
  FORGE_FAILED: 'forge-failed',
  REDIS_UNREACHABLE: 'redis-unreachable',
  CODEMOD_FAILED: 'codemod-failed',
  DISK_FULL: 'disk-full',
  INTERNAL: 'internal',
  // agent-level (fed back to the model, or reported as findings)
  EDIT_REFUSED: 'edit-refused',
  EDIT_INVALID: 'edit-invalid',
  LLM_OUTPUT_INVALID: 'llm-output-invalid',
  CANCELLED: 'cancelled',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'usage',
  'config-invalid',
  'migration-unknown',
  'migration-invalid',
  'repo-invalid',
  'repo-not-found',
  'llm-not-configured',
  'github-token-missing',
  'dashboard-token-missing',
  'campaign-unknown',
]);

/** Infrastructure errors are worth retrying in fleet mode; usage errors are not. */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'clone-failed',
  'install-failed',
  'push-failed',
  'llm-unreachable',
  'forge-failed',
  'redis-unreachable',
  'disk-full',
]);

export class GodwitError extends Error {
  override readonly name = 'GodwitError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.hint = hint;
  }

  /** CLI exit code per DESIGN.md: 2 usage/config, 3 infrastructure. */
  get exitCode(): 2 | 3 {
    return USAGE_CODES.has(this.code) ? 2 : 3;
  }

  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }

  toJSON(): { code: ErrorCode; message: string; hint?: string } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

export function isGodwitError(error: unknown): error is GodwitError {
  return error instanceof GodwitError;
}

/** Wraps anything thrown into a GodwitError, keeping GodwitErrors as they are. */
export function toGodwitError(error: unknown, code: ErrorCode = 'internal', hint?: string): GodwitError {
  if (error instanceof GodwitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GodwitError(code, message, hint, { cause: error });
}

/** Formats a zod error's issues as `key.path: message` lines. */
export function formatZodIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('\n');
}

/**
 * Every error godwit reports to a user is a GodwitError: a stable code, a message that says
 * what went wrong, and a hint that says what to do about it. The codes live here, in one list,
 * so that the CLI's exit codes, the RunReport and the docs agree.
 */

/**
 * Every error code, once, with what follows from it: `exit` is the CLI exit code (2 usage or
 * configuration, 3 infrastructure) and
 * `retryable` says whether a fleet worker should try the job again. Add a code here only.
 */
const CODE_TABLE = {
  // usage / configuration → exit 2
  usage: { exit: 2, retryable: false },
  'config-invalid': { exit: 2, retryable: false },
  'migration-unknown': { exit: 2, retryable: false },
  'migration-invalid': { exit: 2, retryable: false },
  /** An eval case folder that is not laid out as a case (missing before/after, bad case.json, …). */
  'eval-case-invalid': { exit: 2, retryable: false },
  'repo-invalid': { exit: 2, retryable: false },
  'repo-not-found': { exit: 2, retryable: false },
  'llm-not-configured': { exit: 2, retryable: false },
  'github-token-missing': { exit: 2, retryable: false },
  'dashboard-token-missing': { exit: 2, retryable: false },
  'campaign-unknown': { exit: 2, retryable: false },
  'github-app-invalid': { exit: 2, retryable: false },
  'webhook-secret-missing': { exit: 2, retryable: false },
  // infrastructure → exit 3
  'clone-failed': { exit: 3, retryable: true },
  'install-failed': { exit: 3, retryable: true },
  'git-failed': { exit: 3, retryable: false },
  'push-failed': { exit: 3, retryable: true },
  'llm-unreachable': { exit: 3, retryable: true },
  'llm-failed': { exit: 3, retryable: false },
  'forge-failed': { exit: 3, retryable: true },
  'redis-unreachable': { exit: 3, retryable: true },
  'codemod-failed': { exit: 3, retryable: false },
  'disk-full': { exit: 3, retryable: true },
  /** No sandbox can be made for repository commands (and GODWIT_SANDBOX is not off). */
  'sandbox-unavailable': { exit: 3, retryable: false },
  /** A repository command tampered with .git (hooks, config): never retried, nothing pushed. */
  'sandbox-violation': { exit: 3, retryable: false },
  internal: { exit: 3, retryable: false },
  // agent-level (fed back to the model, or reported as findings)
  'edit-refused': { exit: 3, retryable: false },
  'edit-invalid': { exit: 3, retryable: false },
  'llm-output-invalid': { exit: 3, retryable: false },
  /** The prompt did not fit the model's context window, even after the agent shrank it. */
  'llm-context-overflow': { exit: 3, retryable: false },
  cancelled: { exit: 3, retryable: false },
} as const satisfies Record<string, { exit: 2 | 3; retryable: boolean }>;

export type ErrorCode = keyof typeof CODE_TABLE;

/** Every code, in table order (for docs and tests). */
export const ERROR_CODES: readonly ErrorCode[] = Object.keys(CODE_TABLE) as ErrorCode[];

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
    return CODE_TABLE[this.code].exit;
  }

  get retryable(): boolean {
    return CODE_TABLE[this.code].retryable;
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

/**
 * Errors classified by who must act (see STYLE.md):
 * - UserError: the input is wrong; 4xx, not reported, the message says how to fix it.
 * - OperationalError: a dependency failed; `retryable` says whether trying again may help.
 * Anything else is a bug: 500, reported.
 *
 * Every error has a stable `code`; nothing branches on message text.
 */

/** One problem found in user input, located as precisely as we can. */
export interface Issue {
  /** File name (for imports) or `body` (for API requests). */
  file?: string | undefined;
  /** 1-based line in the file, when known. */
  line?: number | undefined;
  /** 1-based column, when known. */
  column?: number | undefined;
  /** Dotted path of the field, e.g. `hosts[3].ips[0]`. */
  field?: string | undefined;
  message: string;
  /** How to fix it. */
  hint?: string | undefined;
}

export type UserErrorCode =
  | 'invalid_input'
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'forbidden_transition'
  | 'payload_too_large'
  | 'rate_limited';

const STATUS: Record<UserErrorCode, number> = {
  invalid_input: 400,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  forbidden_transition: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly status: number;
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export class OperationalError extends Error {
  override readonly name = 'OperationalError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Formats an issue as one line: `file:line:column field: message (hint)`. */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.line !== undefined ? issue.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const field = issue.field ? `field \`${issue.field}\`` : '';
  const head = [where, field].filter(Boolean).join(' ');
  const hint = issue.hint ? ` HINT: ${issue.hint}` : '';
  return `${head ? `${head}: ` : ''}${issue.message}${hint}`;
}

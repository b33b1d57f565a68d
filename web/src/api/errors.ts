/**
 * Errors the UI shows. The server answers `{ error: { code, message, issues, details } }` with a stable code;
 * the code decides who must act and what we say, the server's message says exactly what was wrong.
 */
import type { z } from 'zod';
import type { issueSchema } from '../../../src/contracts/common';

export type Issue = z.infer<typeof issueSchema>;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** The server's code, or a client one: `network`, `bad_response`, `invalid_input` (checked before sending). */
    readonly code: string,
    message: string,
    /** HTTP status, 0 when the request never got an answer. */
    readonly status: number,
    readonly issues: Issue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What the user should understand, per code: who must act and how. */
const GUIDANCE: Record<string, string> = {
  unauthenticated: 'You are not logged in, or your session has ended.',
  forbidden: 'Your role or entities do not allow this.',
  not_found: 'Not found, or outside the entities you may see.',
  validation_failed: 'Some values need fixing.',
  invalid_input: 'Some values need fixing.',
  conflict: 'This conflicts with the current state.',
  forbidden_transition: 'That lifecycle move is not allowed from the current state.',
  rate_limited: 'Too many attempts. Wait a minute, then try again.',
  payload_too_large: 'That is too large to send.',
  unsupported_media_type: 'The request was refused (it must be JSON). Reload the page.',
  internal:
    'The server hit an unexpected error. It has been logged; try again, and tell your administrator if it persists.',
  network: 'Cannot reach the Firebreak server. Check that it is running and that you are connected.',
  bad_response:
    'The server answered in a form this page does not understand. Reload the page; the UI may be out of date.',
};

export interface ErrorText {
  title: string;
  detail: string | undefined;
  hint: string | undefined;
}

function hintOf(error: ApiError): string | undefined {
  const hint = error.details['hint'];
  if (typeof hint === 'string') return hint;
  const allowed = error.details['allowed'];
  if (Array.isArray(allowed)) return `Allowed now: ${allowed.map(String).join(', ') || 'none'}.`;
  return undefined;
}

/** A title (what kind of problem, who acts), the server's detail, and a hint when the server gave one. */
export function describeError(error: unknown): ErrorText {
  if (error instanceof ApiError) {
    const title = GUIDANCE[error.code] ?? `The request failed (${error.code}).`;
    const detail = error.message && error.message !== title ? error.message : undefined;
    return { title, detail, hint: hintOf(error) };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    title: 'Something went wrong in this page.',
    detail,
    hint: 'Reload the page; if it happens again, tell your administrator.',
  };
}

/**
 * Field errors keyed by the form's field name: `body.payload.evidence` (server) and `payload.evidence` (client
 * check) both become `evidence`; `body.title` becomes `title`.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    if (!issue.field) continue;
    const name = issue.field.replace(/^(body|querystring|params)\./, '').replace(/^payload\./, '');
    const key = name.split('.')[0] ?? name;
    out[key] ??= issue.hint ? `${issue.message} (${issue.hint})` : issue.message;
  }
  return out;
}

/** Turns a failed zod check (before sending) into the same error the server would give. */
export function validationError(issues: readonly z.core.$ZodIssue[]): ApiError {
  const mapped: Issue[] = issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
  return new ApiError('invalid_input', 'Fix the highlighted fields.', 0, mapped);
}

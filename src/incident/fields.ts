/**
 * The vocabulary shared by the incident schemas: severities, scope kinds and states, task statuses, and bounded
 * string fields that PostgreSQL `jsonb` can store unchanged.
 */
import { z } from 'zod';
import { jsonbStringProblem } from './canonical-json.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** What a scope decision is about: one host (by hostname), one network segment, or one legal entity. */
export const SCOPE_KINDS = ['host', 'segment', 'entity'] as const;
export const scopeKindSchema = z.enum(SCOPE_KINDS);
export type ScopeKind = z.infer<typeof scopeKindSchema>;

export const SCOPE_STATES = ['suspected', 'in_scope', 'cleared'] as const;
export const scopeStateSchema = z.enum(SCOPE_STATES);
export type ScopeState = z.infer<typeof scopeStateSchema>;

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const LIMITS = { title: 300, text: 20_000, reason: 2_000, username: 100 } as const;

const STORABLE = 'contains characters that cannot be stored: NUL (\\u0000) or an unpaired surrogate';

/**
 * A trimmed, non-empty string of at most `max` characters that `jsonb` can store.
 *
 * @example
 * boundedText(300).parse('  Ransomware at Tokyo HQ '); // 'Ransomware at Tokyo HQ'
 */
export function boundedText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => jsonbStringProblem(value) === undefined, { error: STORABLE });
}

/**
 * An estate id (entity, segment, hostname): the same rule as `idSchema` in the estate model, lower-cased first
 * so that `TK-FS01` finds `tk-fs01`.
 */
export const refSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a lower-case id of letters, digits, ".", "_" or "-" (max 80), e.g. tk-fs01');

export const usernameSchema = boundedText(LIMITS.username);

/** An ISO-8601 date-time with `Z` or an offset, normalised to UTC with milliseconds. */
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, error: 'expected an ISO-8601 date-time such as 2021-06-01T22:30:00Z' })
  .transform((value) => new Date(value).toISOString());

/** A due date: a calendar date (`2021-06-04`) or a date-time (normalised to UTC). */
export const dueSchema = z.union([z.iso.date(), isoDateTimeSchema], {
  error: 'expected a date such as 2021-06-04 or a date-time such as 2021-06-04T09:00:00Z',
});

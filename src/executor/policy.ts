/**
 * What an outcome does to an action (pure): success settles it, a retryable failure schedules the next attempt
 * with exponential backoff and jitter while the attempt and time caps allow, anything else fails it for good.
 */
import type { ActionOutcome } from '../respond/types.js';
import type { ActionChange, StoredAction } from '../store/action-types.js';

export interface RetryPolicy {
  /** Attempts per run of an action, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubled for each later one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is scheduled later than this after the run began. */
  maxElapsedMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxElapsedMs: 30 * 60_000 };

/**
 * The delay before the attempt after `attempt`: `base * 2^(attempt-1)`, capped, half of it fixed and half random
 * ("equal jitter"), so that many actions failing together do not retry together.
 *
 * @example
 * retryDelay(3, DEFAULT_RETRY, () => 0.5); // 3000 (4 s capped at 60 s: 2 s fixed + 0.5 * 2 s)
 */
export function retryDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

const OPEN = ['sent', 'applied'] as const;

const key = (a: StoredAction) => ({ planId: a.planId, actionId: a.actionId, direction: a.direction, attempt: a.attempts });

/** The change an outcome makes to the action whose current attempt produced it. */
export function outcomeChange(action: StoredAction, outcome: ActionOutcome, now: Date, policy: RetryPolicy, random: () => number): ActionChange {
  const at = now.toISOString();
  if (outcome.state !== 'failed') {
    return { ...key(action), from: OPEN, state: outcome.state, entries: [{ state: outcome.state, at, detail: `attempt ${action.attempts}` }], evidence: outcome.evidence ?? null, error: null, settle: { dueAt: null } };
  }
  const error = outcome.error ?? { code: 'failed', message: 'the connector reported a failure without a reason' };
  const why = `attempt ${action.attempts} failed: ${error.code}: ${error.message}`;
  const evidence = outcome.evidence === undefined ? {} : { evidence: outcome.evidence };
  const next = outcome.retryable === true ? nextAttemptAt(action, now, policy, random, outcome.retryAfterMs ?? 0) : undefined;
  if (next !== undefined) {
    return { ...key(action), from: OPEN, state: 'requested', entries: [{ state: 'requested', at, detail: `${why}; retry at ${next}` }], error, ...evidence, settle: { dueAt: next } };
  }
  const cap = outcome.retryable === true ? ` (gave up after ${action.attempts} attempt${action.attempts === 1 ? '' : 's'})` : '';
  return { ...key(action), from: OPEN, state: 'failed', entries: [{ state: 'failed', at, detail: `${why}${cap}` }], error, ...evidence, settle: { dueAt: null } };
}

/** When the next attempt is due, or undefined when the caps allow none. */
function nextAttemptAt(action: StoredAction, now: Date, policy: RetryPolicy, random: () => number, atLeastMs: number): string | undefined {
  if (action.attempts >= action.attemptLimit) return undefined;
  const due = now.getTime() + Math.max(atLeastMs, retryDelay(action.attempts, policy, random));
  if (due - Date.parse(action.runStartedAt) > policy.maxElapsedMs) return undefined;
  return new Date(due).toISOString();
}

/** A connector's intermediate report that the change is in place (not yet verified). */
export function appliedChange(action: StoredAction, evidence: Record<string, unknown> | undefined, now: Date): ActionChange {
  return { ...key(action), from: ['sent'], state: 'applied', entries: [{ state: 'applied', at: now.toISOString(), detail: `attempt ${action.attempts}, not yet verified` }], ...(evidence ? { evidence } : {}) };
}

/** A failure decided by the executor itself (unknown connector, timeout, a connector that threw). */
export function failure(code: string, message: string, retryable: boolean): ActionOutcome {
  return { state: 'failed', error: { code, message }, retryable };
}

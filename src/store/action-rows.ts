/** The executor's tables as Kysely sees them, and the row -> record mapping. Only src/store sees these. */
import type { ColumnType, Selectable } from 'kysely';
import type { ActionState, ActionTarget } from '../respond/types.js';
import type { Direction, HistoryEntry, PlanRun, StoredAction } from './action-types.js';
import type { Json } from './database.js';

type NullableJson = ColumnType<unknown, string | null, string | null>;

export interface PlanActionsTable {
  plan_id: string;
  action_id: string;
  direction: string;
  incident_id: string;
  seq: number;
  connector: string;
  operation: string;
  args: Json;
  target: Json;
  label: string;
  reversal: NullableJson;
  actor: string;
  state: string;
  attempts: number;
  attempt_limit: number;
  run_started_at: string;
  due_at: string | null;
  lease_node: string | null;
  lease_until: string | null;
  evidence: NullableJson;
  error: NullableJson;
  history: Json;
  logged: number;
  created_at: string;
  updated_at: string;
}

export interface PlanRunsTable {
  plan_id: string;
  direction: string;
  incident_id: string;
  actor: string;
  started_at: string;
  finished_at: string | null;
}

// A type alias (not an interface) so that it satisfies Kysely's `withTables` constraint.
export type ActionTables = {
  plan_actions: PlanActionsTable;
  plan_runs: PlanRunsTable;
};

const asRecord = (value: unknown): Record<string, unknown> | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null);

/** PGlite returns jsonb parsed; `pg` too, except from raw `jsonb_to_recordset` paths that hand back text. */
const parsed = (value: unknown): unknown => (typeof value === 'string' && (value.startsWith('{') || value.startsWith('[')) ? JSON.parse(value) : value);

function toError(value: unknown): { code: string; message: string } | null {
  const record = asRecord(parsed(value));
  return record && typeof record['code'] === 'string' && typeof record['message'] === 'string' ? { code: record['code'], message: record['message'] } : null;
}

function toReversal(value: unknown): StoredAction['reversal'] {
  const record = asRecord(parsed(value));
  if (!record || typeof record['operation'] !== 'string') return null;
  return { operation: record['operation'], args: asRecord(record['args']) ?? {} };
}

export function toStoredAction(row: Selectable<PlanActionsTable>): StoredAction {
  const history = parsed(row.history);
  const attempts = Number(row.attempts);
  const direction = row.direction as Direction;
  return {
    incidentId: row.incident_id,
    planId: row.plan_id,
    actionId: row.action_id,
    direction,
    connector: row.connector,
    operation: row.operation,
    args: asRecord(parsed(row.args)) ?? {},
    target: asRecord(parsed(row.target)) as unknown as ActionTarget,
    label: row.label,
    state: row.state as ActionState,
    attempts,
    evidence: asRecord(parsed(row.evidence)),
    error: toError(row.error),
    history: Array.isArray(history) ? (history as HistoryEntry[]) : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    nextAttemptAt: row.due_at,
    node: row.lease_node,
    key: attempts > 0 ? actionKey(row.plan_id, row.action_id, direction, attempts) : null,
    seq: Number(row.seq),
    reversal: toReversal(row.reversal),
    actor: row.actor,
    attemptLimit: Number(row.attempt_limit),
    runStartedAt: row.run_started_at,
    dueAt: row.due_at,
    leaseNode: row.lease_node,
    leaseUntil: row.lease_until,
    logged: Number(row.logged),
  };
}

export function toPlanRun(row: Selectable<PlanRunsTable>): PlanRun {
  return { planId: row.plan_id, direction: row.direction as Direction, incidentId: row.incident_id, actor: row.actor, startedAt: row.started_at, finishedAt: row.finished_at };
}

/**
 * The idempotency key of one attempt: stable across a crash and resume of that attempt, new for each retry.
 *
 * @example
 * actionKey('P-1', 'a0001', 'forward', 2); // 'P-1/a0001/forward/2'
 */
export function actionKey(planId: string, actionId: string, direction: Direction, attempt: number): string {
  return `${planId}/${actionId}/${direction}/${attempt}`;
}

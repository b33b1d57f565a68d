/**
 * Command records as plain data (pure): a new request, and what a batch of agent results does to a record.
 * The dispatcher writes the outcome with one conditional update per command (`CommandChange`), expecting the
 * state it read, so a record changed meanwhile (another node, the timeout sweep) is re-read instead of lost.
 */
import type { ResultMessage } from '../../agent/protocol/messages.js';
import type { AgentCommandRecord, CommandChange, CommandHistoryEntry, CommandReason, CommandTransition } from '../../store/agent-types.js';
import { transitionForResult } from './command-state.js';

export interface NewCommand {
  id: string;
  agentId: string;
  type: string;
  args: Record<string, unknown>;
  by: string;
  now: Date;
  ttlSeconds: number;
  graceSeconds: number;
  /** Why it waits (an offline agent), when it does. */
  reason: CommandReason | null;
  /** When the requesting node holds the agent's channel, the command is recorded as already sent with this number. */
  sentSeq?: number | undefined;
}

/** A new command: `requested`, or `requested` then `sent` when it leaves at once. */
export function newCommandRecord(input: NewCommand): AgentCommandRecord {
  const at = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + input.ttlSeconds * 1000).toISOString();
  const deadlineAt = new Date(input.now.getTime() + (input.ttlSeconds + input.graceSeconds) * 1000).toISOString();
  const requested: CommandHistoryEntry = { state: 'requested', at, by: input.by, ...(input.reason ? { reason: input.reason } : {}) };
  const base: AgentCommandRecord = {
    id: input.id, agentId: input.agentId, seq: null, type: input.type, args: input.args, state: 'requested', reason: input.reason, evidence: null,
    requestedBy: input.by, requestedAt: at, expiresAt, deadlineAt, updatedAt: at, history: [requested],
  };
  if (input.sentSeq === undefined) return base;
  return { ...base, seq: input.sentSeq, state: 'sent', reason: null, history: [requested, { state: 'sent', at }] };
}

/** The record as it was before it was sent (for publishing both steps of a command sent at once). */
export function asRequested(record: AgentCommandRecord): AgentCommandRecord {
  const first = record.history[0];
  return { ...record, seq: null, state: 'requested', history: first ? [first] : [], reason: first?.reason ?? null };
}

/**
 * The record after a change. An intermediate step (`applied`) keeps its evidence in the history; the final
 * step's evidence is the record's `evidence` and is not copied into the history again.
 */
function applyTransition(record: AgentCommandRecord, change: CommandTransition): AgentCommandRecord {
  const keep = change.evidence && !isFinal({ state: change.to });
  const entry: CommandHistoryEntry = { state: change.to, at: change.at, ...(change.reason ? { reason: change.reason } : {}), ...(keep ? { evidence: change.evidence } : {}) };
  return {
    ...record,
    state: change.to,
    updatedAt: change.at,
    ...(change.reason !== undefined ? { reason: change.reason } : {}),
    ...(change.evidence !== undefined ? { evidence: change.evidence } : {}),
    history: [...record.history, entry],
  };
}

/** Results to write for one command, accumulated from the record read before them. */
export interface PendingChange {
  before: AgentCommandRecord;
  after: AgentCommandRecord;
  /** The record after each result, in order (each is published: every state a command passes is seen). */
  steps: AgentCommandRecord[];
}

/**
 * Applies one result to the accumulated change of its command. Returns the change (or a new one), `ignored` when
 * the result must not move the command (a late or repeated report), or `rejection` when it belongs on the agent.
 */
export function foldResult(
  pending: PendingChange | undefined,
  record: AgentCommandRecord,
  result: ResultMessage,
  receivedAt: string,
): { change: PendingChange } | 'ignored' | 'rejection' {
  const planned = transitionForResult(result, receivedAt);
  if (!planned) return 'rejection';
  const current = pending?.after ?? record;
  if (!planned.from.includes(current.state)) return 'ignored';
  const after = applyTransition(current, planned.change);
  return { change: { before: pending?.before ?? record, after, steps: [...(pending?.steps ?? []), after] } };
}

/** The conditional update that turns `before` into `after`. */
export function changeOf({ before, after }: PendingChange): CommandChange {
  return {
    id: after.id,
    expected: before.state,
    to: after.state,
    at: after.updatedAt,
    ...(after.reason !== before.reason ? { reason: after.reason } : {}),
    ...(after.evidence !== before.evidence && after.evidence !== null ? { evidence: after.evidence } : {}),
    entries: after.history.slice(before.history.length),
  };
}

/** Whether the command has ended (verified or failed). */
export function isFinal(record: Pick<AgentCommandRecord, 'state'>): boolean {
  return record.state === 'verified' || record.state === 'failed';
}

/** A shutdown the agent reported `applied`, verified because its channel closed (the host went silent). */
export function silentShutdown(record: AgentCommandRecord, at: string, lastSeenAt: string | null): PendingChange {
  const evidence = { ...(record.evidence ?? {}), channelClosedAt: at, lastSeenAt };
  const after = applyTransition(record, { to: 'verified', at, reason: null, evidence });
  return { before: record, after, steps: [after] };
}

/**
 * A command sent on an earlier connection that the agent says it never accepted (its last sequence number is
 * below the command's): the delivery was lost with that connection, so it waits to be sent again.
 */
export function lostDelivery(record: AgentCommandRecord, at: string, lastSeq: number): PendingChange {
  const reason = { code: 'redelivery', message: `sent as ${record.seq ?? '?'} on an earlier connection, never accepted (the agent's last is ${lastSeq}); sent again` };
  const after = applyTransition(record, { to: 'requested', at, reason });
  return { before: record, after, steps: [after] };
}

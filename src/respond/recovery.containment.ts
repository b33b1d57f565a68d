/**
 * What containment is actually in place, read from the executor's action records (not from what plans
 * proposed): hosts isolated or shut down, segment cuts. A change takes effect at the first `applied` or
 * `verified` of its action (an action applied and then failed verification counts as in place: the rules may
 * be there). It ends when the action is rolled back, its reverse run takes effect, or a later forward
 * `release` / `unisolate` (host) or `restore` (the same cut) takes effect. Recovery and backlog both read it.
 */
import type { ActionRecord } from './types.js';

const HOST_ON: Record<string, 'isolated' | 'shut_down'> = { isolate: 'isolated', shutdown: 'shut_down' };
const HOST_OFF = new Set(['release', 'unisolate']);
const CUT_ON = new Set(['cut', 'segment_cut']);
const CUT_OFF = new Set(['restore', 'segment_restore']);
const EFFECT = new Set(['applied', 'verified']);
const ROLLED_BACK = new Set(['rolled_back']);

/** One containment change in effect from `at`. */
export interface ContainmentChange {
  at: string;
  kind: 'host' | 'segment';
  /** Hostname, or segment id. */
  ref: string;
  /** Hosts: the hostname; cuts: the segment and the cut's arguments (several cuts may hold on one segment). */
  key: string;
  entity: string;
  on: boolean;
  mode: 'isolated' | 'shut_down' | 'cut';
  /** The action that made the change. */
  planId: string;
  actionId: string;
  connector: string;
  operation: string;
  args: Record<string, unknown>;
}

/** A stable text for arguments (keys sorted), to tell one cut from another on the same segment. */
export function stableArgs(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableArgs).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableArgs(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function firstAt(record: ActionRecord, states: ReadonlySet<string>): string | undefined {
  return record.history.find((h) => states.has(h.state))?.at;
}

function keyOf(record: ActionRecord): string {
  return record.target.kind === 'host' ? record.target.ref : `${record.target.ref}|${stableArgs(record.args)}`;
}

function base(record: ActionRecord, at: string, on: boolean, mode: ContainmentChange['mode']): ContainmentChange {
  const { target, planId, actionId, connector, operation, args } = record;
  return { at, kind: target.kind === 'host' ? 'host' : 'segment', ref: target.ref, key: keyOf(record), entity: target.entity, on, mode, planId, actionId, connector, operation, args };
}

function changesOf(record: ActionRecord, forwardByAction: ReadonlyMap<string, ActionRecord>): ContainmentChange[] {
  const { target, operation, direction } = record;
  if (target.kind === 'service') return [];
  const effect = firstAt(record, EFFECT);
  const rolledBack = firstAt(record, ROLLED_BACK);
  if (direction === 'reverse') {
    const forward = forwardByAction.get(`${record.planId}/${record.actionId}`);
    const at = effect ?? rolledBack;
    if (at === undefined) return [];
    if (forward && isContaining(forward)) return [base(forward, at, false, modeOf(forward))];
    // The reverse of a release (a recovery step rolled back) isolates again.
    return isContaining(record) ? [base(record, at, true, modeOf(record))] : [];
  }
  const changes: ContainmentChange[] = [];
  if (isContaining(record) && effect !== undefined) {
    changes.push(base(record, effect, true, modeOf(record)));
    if (rolledBack !== undefined) changes.push(base(record, rolledBack, false, modeOf(record)));
  }
  const releases = target.kind === 'host' ? HOST_OFF.has(operation) : CUT_OFF.has(operation);
  if (releases && effect !== undefined) {
    const mode = target.kind === 'host' ? 'isolated' : 'cut';
    changes.push(base(record, effect, false, mode));
    if (rolledBack !== undefined) changes.push(base(record, rolledBack, true, mode));
  }
  return changes;
}

function isContaining(record: ActionRecord): boolean {
  return record.target.kind === 'host' ? record.operation in HOST_ON : record.target.kind === 'segment' && CUT_ON.has(record.operation);
}

function modeOf(record: ActionRecord): ContainmentChange['mode'] {
  return record.target.kind === 'host' ? (HOST_ON[record.operation] ?? 'isolated') : 'cut';
}

/**
 * Every containment change in the records, oldest first (at equal times, "on" before "off").
 *
 * @example
 * containmentTimeline(records).filter((c) => c.kind === 'host' && c.on).length; // hosts ever isolated
 */
export function containmentTimeline(records: readonly ActionRecord[]): ContainmentChange[] {
  const forwardByAction = new Map<string, ActionRecord>();
  for (const r of records) if (r.direction === 'forward') forwardByAction.set(`${r.planId}/${r.actionId}`, r);
  const changes = records.flatMap((r) => changesOf(r, forwardByAction));
  return changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.on === b.on ? 0 : a.on ? -1 : 1));
}

/** Containment in place: per host (by hostname) and per cut (by key), the change that put it in place. */
export interface ContainmentState {
  hosts: Map<string, ContainmentChange>;
  cuts: Map<string, ContainmentChange>;
}

/**
 * The containment in place after the changes up to `until` (all of them when absent). A release ends any
 * isolation or shutdown of the host; a restore ends the cut with the same arguments.
 *
 * @example
 * containmentAt(containmentTimeline(records)).hosts.has('tk-fs01'); // true while isolated
 */
export function containmentAt(changes: readonly ContainmentChange[], until?: string): ContainmentState {
  const state: ContainmentState = { hosts: new Map(), cuts: new Map() };
  for (const change of changes) {
    if (until !== undefined && change.at > until) break;
    const map = change.kind === 'host' ? state.hosts : state.cuts;
    if (change.on) map.set(change.key, change);
    else map.delete(change.key);
  }
  return state;
}

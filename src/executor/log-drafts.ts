/**
 * What the incident log gets from a batch of action changes (pure): per plan and direction one
 * `actions.progressed` listing each transition, one `action.failed` per action that failed for good, and one
 * high alert per plan direction with failures (so a failure is seen on the incident, not only in a host's log).
 */
import type { EventDraft } from '../incident/index.js';
import type { Alert } from '../intake/index.js';
import type { PlanRun, StoredAction, ChangedAction } from '../store/action-types.js';
import type { ActionFailed, ActionsProgressed, PlanFinished } from './events.js';

/** Transitions per event, so that one event (and one bus message) stays well under a megabyte. */
export const TRANSITIONS_PER_EVENT = 1000;
const FAILURES_IN_ALERT = 50;

export const EXECUTOR_ALERT_RULE = 'firebreak.executor.action-failed';

export interface IncidentDrafts {
  incidentId: string;
  drafts: EventDraft[];
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function failedDraft(a: StoredAction): EventDraft {
  const error = a.error ?? { code: 'failed', message: 'failed without a recorded reason' };
  const payload: ActionFailed = {
    planId: a.planId, actionId: a.actionId, direction: a.direction, connector: a.connector, operation: a.operation,
    target: { kind: a.target.kind, ref: a.target.ref, entity: a.target.entity }, label: cut(a.label, 300), attempts: a.attempts,
    error: { code: cut(error.code, 100), message: cut(error.message, 2000) },
  };
  return { type: 'action.failed', payload };
}

/** One alert for the failures of one plan direction (the first fifty listed in its event). */
export function failureAlert(failed: readonly StoredAction[], at: string, newId: () => string): EventDraft | undefined {
  const first = failed[0];
  if (!first) return undefined;
  const single = failed.length === 1;
  const what = first.direction === 'reverse' ? 'rollback action' : 'response action';
  const title = single ? `A ${what} failed: ${first.label}` : `${failed.length} ${what}s failed in plan ${first.planId}`;
  const entities = new Set(failed.map((a) => a.target.entity));
  const alert: Alert = {
    id: newId(), at, receivedAt: at,
    source: 'firebreak',
    rule: { id: EXECUTOR_ALERT_RULE, title: cut(title, 500), level: 'high', author: 'Firebreak executor', tags: [], references: [] },
    techniques: [], tactics: [],
    hostReported: null,
    host: single && first.target.kind === 'host' ? cut(first.target.ref, 80) : null,
    entity: entities.size === 1 ? cut(first.target.entity, 80) : null,
    segment: single && first.target.kind === 'segment' ? cut(first.target.ref, 80) : null,
    event: {
      planId: first.planId, direction: first.direction, failed: failed.length,
      actions: failed.slice(0, FAILURES_IN_ALERT).map((a) => ({ actionId: a.actionId, label: a.label, attempts: a.attempts, error: a.error })),
    },
    truncated: failed.length > FAILURES_IN_ALERT,
  };
  return { type: 'alert.raised', payload: alert };
}

/** Groups new history entries into drafts per incident; returns the plan directions they touched too. */
export function progressDrafts(rows: readonly ChangedAction[], at: string, newId: () => string): { incidents: IncidentDrafts[]; touched: { planId: string; direction: 'forward' | 'reverse' }[] } {
  const byRun = new Map<string, { incidentId: string; planId: string; direction: 'forward' | 'reverse'; transitions: ActionsProgressed['transitions']; failed: StoredAction[] }>();
  for (const { action: a, before } of rows) {
    const runKey = `${a.incidentId}\u0000${a.planId}\u0000${a.direction}`;
    let run = byRun.get(runKey);
    if (!run) byRun.set(runKey, (run = { incidentId: a.incidentId, planId: a.planId, direction: a.direction, transitions: [], failed: [] }));
    for (const entry of a.history.slice(before)) {
      run.transitions.push({ actionId: a.actionId, label: cut(a.label, 300), state: entry.state, at: entry.at, ...(entry.detail ? { detail: cut(entry.detail, 2000) } : {}) });
      if (entry.state === 'failed') run.failed.push(a);
    }
  }
  const incidents = new Map<string, EventDraft[]>();
  for (const run of byRun.values()) {
    const drafts = incidents.get(run.incidentId) ?? [];
    for (let i = 0; i < run.transitions.length; i += TRANSITIONS_PER_EVENT) {
      const payload: ActionsProgressed = { planId: run.planId, direction: run.direction, transitions: run.transitions.slice(i, i + TRANSITIONS_PER_EVENT) };
      drafts.push({ type: 'actions.progressed', payload });
    }
    drafts.push(...run.failed.map(failedDraft));
    const alert = failureAlert(run.failed, at, newId);
    if (alert) drafts.push(alert);
    incidents.set(run.incidentId, drafts);
  }
  return {
    incidents: [...incidents].map(([incidentId, drafts]) => ({ incidentId, drafts })),
    touched: [...byRun.values()].map((r) => ({ planId: r.planId, direction: r.direction })),
  };
}

export function finishedDraft(run: PlanRun, counts: Partial<Record<string, number>>): EventDraft {
  const clean: Record<string, number> = {};
  for (const [state, n] of Object.entries(counts)) if (n !== undefined && n > 0) clean[state] = n;
  const payload: PlanFinished = { planId: run.planId, direction: run.direction, counts: clean, total: Object.values(clean).reduce((s, n) => s + n, 0), startedAt: run.startedAt };
  return { type: 'plan.finished', payload };
}

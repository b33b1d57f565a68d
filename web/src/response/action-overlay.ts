/**
 * Live action states on top of what was fetched (pure). Two sources feed the overlay: the executor's records on
 * the stream (state, attempts, error, evidence) and the incident log's `actions.progressed` / `action.failed`
 * events (state and error; durable, so nothing is lost across a reconnection). The newest word on each action
 * wins; a fetched record newer than the overlay wins over it.
 */
import { z } from 'zod';
import type { ActionRecordView } from '../api/response-schemas';

export type ActionState = ActionRecordView['state'];
export type Direction = ActionRecordView['direction'];

/** What is known live about one action: a whole record from the stream, or a state from the log. */
export interface OverlayEntry {
  at: string;
  state: ActionState;
  label: string;
  attempts?: number;
  error?: ActionRecordView['error'];
  record?: ActionRecordView;
}

export type Overlay = Map<string, OverlayEntry>;

/** Display order, from done to not started (progress bars and counts follow it). */
export const STATE_ORDER: readonly ActionState[] = ['verified', 'applied', 'sent', 'requested', 'failed', 'rolled_back'];
const RANK: Record<ActionState, number> = { requested: 0, sent: 1, applied: 2, verified: 3, failed: 3, rolled_back: 4 };

export const overlayKey = (planId: string, actionId: string, direction: Direction) => `${planId}/${actionId}/${direction}`;

/** Later wins; at the same instant, the further state wins (sent, then applied, then verified). */
function newer(current: OverlayEntry | undefined, at: string, state: ActionState): boolean {
  if (!current) return true;
  const [a, b] = [Date.parse(at), Date.parse(current.at)];
  return a > b || (a === b && RANK[state] >= RANK[current.state]);
}

/** Records from the stream. Returns whether anything changed. */
export function applyRecords(overlay: Overlay, records: readonly ActionRecordView[]): boolean {
  let changed = false;
  for (const record of records) {
    const key = overlayKey(record.planId, record.actionId, record.direction);
    if (!newer(overlay.get(key), record.updatedAt, record.state)) continue;
    overlay.set(key, { at: record.updatedAt, state: record.state, label: record.label, attempts: record.attempts, error: record.error, record });
    changed = true;
  }
  return changed;
}

const transitionsSchema = z.object({
  planId: z.string(),
  direction: z.enum(['forward', 'reverse']),
  transitions: z.array(
    z.object({ actionId: z.string(), label: z.string(), state: z.enum(['requested', 'sent', 'applied', 'verified', 'failed', 'rolled_back']), at: z.string() }),
  ),
});
const failedSchema = z.object({
  planId: z.string(),
  actionId: z.string(),
  direction: z.enum(['forward', 'reverse']),
  attempts: z.number(),
  error: z.object({ code: z.string(), message: z.string() }),
});

/** `actions.progressed` and `action.failed` events of the incident log. Returns whether anything changed. */
export function applyLogEvent(overlay: Overlay, type: string, payload: unknown): boolean {
  if (type === 'action.failed') {
    const p = failedSchema.safeParse(payload);
    if (!p.success) return false;
    const key = overlayKey(p.data.planId, p.data.actionId, p.data.direction);
    const current = overlay.get(key);
    if (current?.record?.state === 'failed' || !current) return false;
    overlay.set(key, { ...current, attempts: p.data.attempts, error: p.data.error });
    return true;
  }
  if (type !== 'actions.progressed') return false;
  const p = transitionsSchema.safeParse(payload);
  if (!p.success) return false;
  let changed = false;
  for (const t of p.data.transitions) {
    const key = overlayKey(p.data.planId, t.actionId, p.data.direction);
    const current = overlay.get(key);
    if (!newer(current, t.at, t.state)) continue;
    // Keep what the stream said about attempts and evidence: a state from the log only moves the state on.
    overlay.set(key, { ...current, at: t.at, state: t.state, label: t.label });
    changed = true;
  }
  return changed;
}

/** A fetched record with what is known live about it since. */
export function mergeRecord(base: ActionRecordView, entry: OverlayEntry | undefined): ActionRecordView {
  if (!entry || Date.parse(entry.at) < Date.parse(base.updatedAt)) return base;
  const fromStream = entry.record && Date.parse(entry.record.updatedAt) >= Date.parse(base.updatedAt) ? entry.record : undefined;
  return {
    ...base,
    ...(fromStream ? { evidence: fromStream.evidence, attempts: fromStream.attempts, error: fromStream.error } : {}),
    state: entry.state,
    updatedAt: entry.at,
    ...(entry.attempts !== undefined ? { attempts: entry.attempts } : {}),
    ...(entry.error !== undefined ? { error: entry.error } : {}),
  };
}

/**
 * The records of one executor plan: the fetched ones merged with the overlay, plus those only the stream knows
 * (the plan started after the fetch), in action order.
 */
export function liveRecords(planId: string, base: readonly ActionRecordView[], overlay: Overlay): ActionRecordView[] {
  const seen = new Set<string>();
  const out = base.map((record) => {
    const key = overlayKey(record.planId, record.actionId, record.direction);
    seen.add(key);
    return mergeRecord(record, overlay.get(key));
  });
  const prefix = `${planId}/`;
  for (const [key, entry] of overlay) {
    if (!seen.has(key) && key.startsWith(prefix) && entry.record) out.push(mergeRecord(entry.record, entry));
  }
  return out.sort((a, b) => (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : a.direction < b.direction ? -1 : 1));
}

/** Actions per state. */
export function countStates(records: readonly ActionRecordView[]): Record<ActionState, number> {
  const counts = { requested: 0, sent: 0, applied: 0, verified: 0, failed: 0, rolled_back: 0 };
  for (const r of records) counts[r.state] += 1;
  return counts;
}

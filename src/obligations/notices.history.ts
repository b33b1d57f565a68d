/**
 * The incident's history as a notice tells it: the key moments (awareness, lifecycle moves, the entity's scope,
 * the first detections, decisions, determinations, filings) and the measures taken (containment and later
 * phases, systems cleared, tasks done, executive decisions). Pure; lines are plain Markdown text.
 */
import { decodeEvent, type IncidentEvent, type IncidentProjection } from '../incident/index.js';
import { projectDecisionLog } from './decision-log.js';

const KEY_TYPES = new Set([
  'incident.opened',
  'state.changed',
  'scope.changed',
  'decision.recorded',
  'breach.determined',
  'incident.classified',
  'ransom.paid',
  'obligation.filed',
  'notice.sent',
]);
const MAX_LINES = 30;
const MAX_ALERTS = 3;

/** Whether an event concerns the entity (events that name another entity are left out). */
function concerns(event: IncidentEvent, entity: string): boolean {
  const payload = event.payload as { entity?: unknown; entities?: unknown } | null;
  if (payload === null || typeof payload !== 'object') return true;
  if (typeof payload.entity === 'string') return payload.entity === entity;
  if (Array.isArray(payload.entities) && payload.entities.length > 0 && event.type !== 'incident.opened') return payload.entities.includes(entity);
  return true;
}

/**
 * Key moments for the entity, oldest first, at most 30 lines.
 *
 * @example
 * noticeTimeline(projectIncident(log), log, 'hik-hd', (iso) => iso); // ['2021-06-01T22:30:00.000Z: the organisation became aware of the incident', ...]
 */
export function noticeTimeline(view: IncidentProjection, events: readonly IncidentEvent[], entity: string, at: (iso: string) => string): string[] {
  const bySeq = new Map(events.map((event) => [event.seq, event]));
  const out = [{ at: view.awareness.at, text: 'the organisation became aware of the incident' }];
  let alerts = 0;
  for (const entry of view.timeline) {
    const event = bySeq.get(entry.seq);
    const alert = entry.type === 'alert.raised' && alerts < MAX_ALERTS;
    if (!event || !(alert || KEY_TYPES.has(entry.type)) || !concerns(event, entity)) continue;
    if (alert) alerts += 1;
    out.push({ at: entry.at, text: entry.description });
  }
  const lines = out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((m) => `${at(m.at)}: ${m.text}`);
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `and ${lines.length - MAX_LINES} more entries in the incident log`] : lines;
}

/**
 * Measures taken for the entity: lifecycle moves to contain and later phases (with their reason), systems
 * cleared (with the evidence), tasks done and executive decisions, oldest first.
 *
 * @example
 * noticeMeasures(view, log, 'hik-hd', (iso) => iso); // ['2021-06-02T01:00:00.000Z: containment started: hosts isolated', ...]
 */
export function noticeMeasures(view: IncidentProjection, events: readonly IncidentEvent[], entity: string, at: (iso: string) => string): string[] {
  const out: { at: string; text: string }[] = [];
  const PHASES: Record<string, string> = { contain: 'containment started', eradicate: 'eradication started', recover: 'recovery started', lessons_learned: 'the incident moved to lessons learned', closed: 'the incident was closed' };
  for (const decoded of events.map(decodeEvent)) {
    const when = decoded.event.at;
    if (decoded.kind === 'state.changed' && PHASES[decoded.payload.to]) {
      out.push({ at: when, text: `${PHASES[decoded.payload.to]}${decoded.payload.reason ? `: ${decoded.payload.reason}` : ''}` });
    }
    if (decoded.kind === 'scope.changed' && decoded.payload.state === 'cleared' && concerns(decoded.event, entity)) {
      out.push({ at: when, text: `${decoded.payload.ref} checked and cleared: ${decoded.payload.evidence}` });
    }
  }
  for (const task of view.tasks) if (task.status === 'done') out.push({ at: task.updatedAt, text: `done: ${task.title}` });
  for (const d of projectDecisionLog(events).decisions) {
    if (d.kind === 'ransom' || (d.entities.length > 0 && !d.entities.includes(entity))) continue;
    out.push({ at: d.at, text: `decision (${d.kind}): ${d.decision}; ${d.rationale}` });
  }
  return out
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .slice(0, MAX_LINES)
    .map((m) => `${at(m.at)}: ${m.text}`);
}

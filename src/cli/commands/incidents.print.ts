/** Human-readable incident views and log events for the terminal. */
import type { IncidentProjection, TimelineEntry } from '../../incident/index.js';
import { fields, table } from '../output.js';

interface EventLike {
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: unknown;
  description?: string;
}

export function printEvent(event: EventLike): string {
  const detail = event.description ?? JSON.stringify(event.payload);
  return `#${String(event.seq).padStart(4)}  ${event.at}  ${event.actor.padEnd(18)}  ${event.type.padEnd(18)}  ${detail}`;
}

export function printIncident(raw: Record<string, unknown>): string {
  const v = raw as unknown as IncidentProjection;
  const s = v.summary;
  const lines = [
    fields({ incident: s.id, title: s.title, state: s.state, severity: s.severity, commander: s.commander, entities: s.entities, opened: s.openedAt, aware: `${v.awareness.at} (${v.awareness.source})` }),
  ];
  if (v.description) lines.push('', v.description);
  const scope = [...v.scope.entity, ...v.scope.segment, ...v.scope.host];
  if (scope.length > 0) lines.push('', 'Scope', table(scope.map((i) => ({ ...i, evidence: i.history.at(-1)?.evidence })), ['kind', 'ref', 'entity', 'state', 'evidence']));
  if (v.tasks.length > 0) lines.push('', 'Tasks', table(v.tasks, ['taskId', 'title', 'status', 'assignee']));
  lines.push('', 'Timeline', ...v.timeline.map((e: TimelineEntry) => printEvent({ ...e, payload: undefined })));
  return lines.join('\n');
}

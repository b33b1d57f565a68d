/** The timeline: every event of the log with a one-line human description. */
import { decodeEvent, type DecodedEvent } from './decode.js';
import type { IncidentEvent } from './event.js';
import { describeRegisteredEvent } from './event-types.js';

export interface TimelineEntry {
  seq: number;
  id: string;
  at: string;
  actor: string;
  type: string;
  description: string;
}

/** Lets a description name things defined by earlier events (a task's title). */
export interface DescribeLookup {
  taskTitle?: (taskId: string) => string | undefined;
}

const SHORT = 160;

/**
 * The display form of an actor: `user:alice` becomes `alice`; `system:detect` and `agent:tk-fs01` stay.
 *
 * @example
 * displayActor('user:alice'); // 'alice'
 */
export function displayActor(actor: string): string {
  return actor.startsWith('user:') ? actor.slice('user:'.length) : actor;
}

/** One line, at most `max` characters. */
function oneLine(text: string, max = SHORT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const because = (reason: string | undefined): string => (reason ? `: ${oneLine(reason)}` : '');
const scopeWords: Record<string, string> = { suspected: 'suspected', in_scope: 'in scope', cleared: 'cleared' };
const severityRank: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

function describeScope(who: string, p: Extract<DecodedEvent, { kind: 'scope.changed' }>['payload']): string {
  const owner = p.entity && p.kind !== 'entity' ? ` (entity ${p.entity})` : '';
  return `${who} marked ${p.kind} ${p.ref}${owner} ${scopeWords[p.state] ?? p.state}: ${oneLine(p.evidence)}`;
}

function describeTaskUpdate(who: string, p: Extract<DecodedEvent, { kind: 'task.updated' }>['payload'], lookup: DescribeLookup): string {
  const title = lookup.taskTitle?.(p.taskId);
  const task = title === undefined ? `task ${p.taskId}` : `task "${oneLine(title, 80)}"`;
  const assigned = p.assignee ? `, assigned to ${p.assignee}` : '';
  return `${who} set ${task} to ${p.status.replace('_', ' ')}${assigned}`;
}

function describeDecoded(decoded: DecodedEvent, who: string, lookup: DescribeLookup): string | undefined {
  switch (decoded.kind) {
    case 'incident.opened': {
      const p = decoded.payload;
      const aware = p.awarenessAt ? `; aware since ${p.awarenessAt}` : '';
      return `${who} opened the incident "${oneLine(p.title, 120)}" (severity ${p.severity}${aware})`;
    }
    case 'note.added':
      return `${who} added a note: ${oneLine(decoded.payload.text)}`;
    case 'task.added': {
      const p = decoded.payload;
      const details = [p.assignee ? `assigned to ${p.assignee}` : '', p.due ? `due ${p.due}` : ''].filter(Boolean);
      return `${who} added task "${oneLine(p.title, 120)}"${details.length ? ` (${details.join(', ')})` : ''}`;
    }
    case 'task.updated':
      return describeTaskUpdate(who, decoded.payload, lookup);
    case 'state.changed': {
      const p = decoded.payload;
      return `${who} moved the incident from ${p.from} to ${p.to}${because(p.reason)}`;
    }
    case 'scope.changed':
      return describeScope(who, decoded.payload);
    case 'severity.changed': {
      const p = decoded.payload;
      const verb = (severityRank[p.to] ?? 0) > (severityRank[p.from] ?? 0) ? 'raised' : 'lowered';
      return `${who} ${verb} the severity from ${p.from} to ${p.to}${because(p.reason)}`;
    }
    case 'title.changed':
      return `${who} renamed the incident to "${oneLine(decoded.payload.to, 120)}"${because(decoded.payload.reason)}`;
    case 'commander.assigned': {
      const p = decoded.payload;
      return p.username === who ? `${who} took command of the incident` : `${who} made ${p.username} the incident commander`;
    }
    case 'other':
      return undefined;
  }
}

/**
 * One line describing an event. Built-in types have fixed wording; registered types use their `describe`;
 * anything else gets a generic line, so events added by later capabilities never break the timeline.
 *
 * @example
 * describeEvent(stateChanged); // 'alice moved the incident from analyse to contain: scope confirmed'
 * describeEvent(unknownEvent); // 'system:detect recorded alert.raised'
 */
export function describeEvent(event: IncidentEvent, lookup: DescribeLookup = {}): string {
  return describe(decodeEvent(event), lookup);
}

function registered(event: IncidentEvent, who: string): string | undefined {
  try {
    return describeRegisteredEvent(event, who);
  } catch {
    return undefined; // a faulty describer of a later capability must not break the timeline
  }
}

function describe(decoded: DecodedEvent, lookup: DescribeLookup): string {
  const event = decoded.event;
  const who = displayActor(event.actor);
  const text = describeDecoded(decoded, who, lookup) ?? registered(event, who);
  return text === undefined ? `${who} recorded ${event.type}` : oneLine(text, 400);
}

/**
 * The timeline of a log, in log order.
 *
 * @example
 * buildTimeline(events).map((entry) => entry.description);
 */
export function buildTimeline(events: readonly IncidentEvent[]): TimelineEntry[] {
  return timelineOf(events.map(decodeEvent));
}

/** `buildTimeline` for events already decoded. */
export function timelineOf(events: readonly DecodedEvent[]): TimelineEntry[] {
  const titles = new Map<string, string>();
  const lookup: DescribeLookup = { taskTitle: (taskId) => titles.get(taskId) };
  return events.map((decoded) => {
    if (decoded.kind === 'task.added') titles.set(decoded.payload.taskId, decoded.payload.title);
    const { seq, id, at, actor, type } = decoded.event;
    return { seq, id, at, actor, type, description: describe(decoded, lookup) };
  });
}

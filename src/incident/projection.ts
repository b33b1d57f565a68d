/**
 * Every projection of an incident, rebuilt from its log. The log is the source of truth: replaying it gives the
 * same summary, timeline, tasks, notes, scope and metrics every time.
 */
import { decodeEvent } from './decode.js';
import type { IncidentEvent } from './event.js';
import { foldDecoded } from './fold.js';
import { awarenessOf, projectMetrics, type Awareness, type IncidentMetrics } from './metrics.js';
import { affectedAssets, projectScope, type AffectedAssets, type ScopeView } from './scope.projection.js';
import type { IncidentSummary } from './summary.js';
import { projectTasks, type TaskView } from './tasks.js';
import { timelineOf, type TimelineEntry } from './timeline.js';

export interface NoteView {
  seq: number;
  id: string;
  at: string;
  actor: string;
  text: string;
}

export interface IncidentProjection {
  summary: IncidentSummary;
  /** The incident's opening summary text, when one was given. */
  description: string | null;
  awareness: Awareness;
  timeline: TimelineEntry[];
  tasks: TaskView[];
  notes: NoteView[];
  scope: ScopeView;
  affected: AffectedAssets;
  metrics: IncidentMetrics;
}

export interface ProjectOptions {
  /** Measure durations up to this moment (e.g. now, for an open incident) instead of the last event. */
  asOf?: Date;
}

/**
 * Rebuilds every projection from an incident's log (in seq order, starting with `incident.opened`). Events of
 * types added by later capabilities appear in the timeline and change nothing else. Throws an `Error` for an
 * empty log or one that does not start with `incident.opened`.
 *
 * @example
 * const view = projectIncident(await store.incidents.events('INC-0001'), { asOf: new Date() });
 * view.summary.state; // 'contain'
 * view.metrics.timeToContainMs; // 5_400_000
 */
export function projectIncident(events: readonly IncidentEvent[], options: ProjectOptions = {}): IncidentProjection {
  const decoded = events.map(decodeEvent);
  const [opened, ...rest] = decoded;
  if (!opened) throw new Error('projectIncident: the log is empty; every incident starts with incident.opened');
  const summary = rest.reduce(foldDecoded, foldDecoded(undefined, opened));
  const awareness = awarenessOf(decoded) ?? { at: opened.event.at, source: 'opened' };
  const notes: NoteView[] = [];
  for (const item of decoded) {
    if (item.kind !== 'note.added') continue;
    const { seq, id, at, actor } = item.event;
    notes.push({ seq, id, at, actor, text: item.payload.text });
  }
  const scope = projectScope(decoded);
  return {
    summary,
    description: opened.kind === 'incident.opened' ? (opened.payload.summary ?? null) : null,
    awareness,
    timeline: timelineOf(decoded),
    tasks: projectTasks(decoded),
    notes,
    scope,
    affected: affectedAssets(scope),
    metrics: projectMetrics(decoded, awareness, options.asOf?.toISOString()),
  };
}

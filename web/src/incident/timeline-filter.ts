/** Filtering the timeline by event type, actor and entity; the entity of an event is read from its payload. */
import { z } from 'zod';
import { displayActor } from '../../../src/incident/timeline';
import type { IncidentEvent } from '../api/endpoints';
import type { TimelineItem } from '../api/schemas';

export interface TimelineFilter {
  type: string;
  actor: string;
  entity: string;
}

export const NO_FILTER: TimelineFilter = { type: '', actor: '', entity: '' };

// Lenient on purpose: any event type (also those of later capabilities) may name an entity or entities.
const entityFields = z.object({
  kind: z.string().optional(),
  ref: z.string().optional(),
  entity: z.string().optional(),
  entities: z.array(z.string()).optional(),
});

/** The entities an event concerns, from its payload: a scope change's owner, the entities named on opening. */
export function entitiesOf(event: IncidentEvent): string[] {
  const parsed = entityFields.safeParse(event.payload);
  if (!parsed.success) return [];
  const { kind, ref, entity, entities } = parsed.data;
  const found = new Set(entities ?? []);
  if (entity) found.add(entity);
  if (event.type === 'scope.changed' && kind === 'entity' && ref) found.add(ref);
  return [...found];
}

export function entityIndex(events: readonly IncidentEvent[]): Map<number, string[]> {
  return new Map(events.map((event) => [event.seq, entitiesOf(event)]));
}

export function applyFilter(
  entries: readonly TimelineItem[],
  filter: TimelineFilter,
  entities: Map<number, string[]>,
): TimelineItem[] {
  return entries.filter(
    (entry) =>
      (!filter.type || entry.type === filter.type) &&
      (!filter.actor || displayActor(entry.actor) === filter.actor) &&
      (!filter.entity || (entities.get(entry.seq) ?? []).includes(filter.entity)),
  );
}

/** The distinct values present, for the filter menus. */
export function choices(entries: readonly TimelineItem[], entities: Map<number, string[]>) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    types: sorted(entries.map((e) => e.type)),
    actors: sorted(entries.map((e) => displayActor(e.actor))),
    entities: sorted([...entities.values()].flat()),
  };
}

/** The live timeline of the incident log, newest first, filterable by type, actor and entity. */
import { useMemo, useState } from 'react';
import { displayActor } from '../../../src/incident/timeline';
import type { IncidentEvent } from '../api/endpoints';
import type { IncidentView } from '../api/schemas';
import { SelectField, type Option } from '../ui/Field';
import { Empty, ErrorNotice } from '../ui/Status';
import { Stamp } from '../ui/Time';
import { applyFilter, choices, entityIndex, NO_FILTER, type TimelineFilter } from './timeline-filter';

const TYPE_NAMES: Record<string, string> = {
  'incident.opened': 'Opened',
  'note.added': 'Note',
  'task.added': 'Task',
  'task.updated': 'Task',
  'state.changed': 'State',
  'scope.changed': 'Scope',
  'severity.changed': 'Severity',
  'commander.assigned': 'Command',
  'title.changed': 'Title',
  'alert.raised': 'Alert',
};
export const typeName = (type: string): string => TYPE_NAMES[type] ?? type;

const options = (all: string, values: string[], name: (v: string) => string = (v) => v): Option[] => [
  { value: '', label: all },
  ...values.map((value) => ({ value, label: name(value) })),
];

interface Props {
  view: IncidentView;
  events: readonly IncidentEvent[];
  logError: unknown;
}

export function Timeline({ view, events, logError }: Props) {
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  const entities = useMemo(() => entityIndex(events), [events]);
  const menus = useMemo(() => choices(view.timeline, entities), [view.timeline, entities]);
  const shown = useMemo(
    () => applyFilter(view.timeline, filter, entities).reverse(),
    [view.timeline, filter, entities],
  );
  const set = (key: keyof TimelineFilter) => (event: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: event.target.value });

  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <div className="panel-head">
        <h2 id="timeline-title">
          Timeline
          <span className="count">
            {shown.length === view.timeline.length
              ? view.timeline.length
              : `${shown.length} of ${view.timeline.length}`}
          </span>
        </h2>
        <span className="faint">newest first</span>
      </div>
      <div className="filters-compact" role="search" aria-label="Filter the timeline">
        <SelectField
          label="Type"
          value={filter.type}
          onChange={set('type')}
          options={options('All types', menus.types, (t) => `${typeName(t)} (${t})`)}
        />
        <SelectField
          label="Actor"
          value={filter.actor}
          onChange={set('actor')}
          options={options('Everyone', menus.actors)}
        />
        <SelectField
          label="Entity"
          value={filter.entity}
          onChange={set('entity')}
          options={options('All entities', menus.entities)}
        />
      </div>
      {logError !== undefined && <ErrorNotice error={logError} action="The entity filter is unavailable" />}
      <div className="panel-body flush">
        {shown.length === 0 ? (
          <Empty>No events match these filters.</Empty>
        ) : (
          <ol
            className="timeline"
            aria-label="Incident events, newest first"
            aria-live="polite"
            aria-relevant="additions"
          >
            {shown.map((entry) => (
              <li key={entry.seq} className="timeline-entry" data-type={entry.type} data-seq={entry.seq}>
                <Stamp at={entry.at} />
                <span className={`timeline-type type-${entry.type.split('.')[0] ?? 'other'}`}>
                  {typeName(entry.type)}
                </span>
                <span className="timeline-text">{entry.description}</span>
                <span className="timeline-actor faint">{displayActor(entry.actor)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

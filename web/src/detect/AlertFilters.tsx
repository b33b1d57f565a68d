/** Filters of the alerts view: level, incident, and grouping by rule; each change updates the URL. */
import type { IncidentSummary } from '../api/endpoints';
import { setQuery } from '../app/router';
import { SelectField, type Option } from '../ui/Field';
import { isFiltered, LEVELS, type AlertFilters as Filters } from './alert-filters';

const LEVEL_OPTIONS: Option[] = [{ value: '', label: 'Any level' }, ...LEVELS.map((l) => ({ value: l, label: l }))];

interface Props {
  filters: Filters;
  incidents: readonly IncidentSummary[] | undefined;
}

export function AlertFilters({ filters, incidents }: Props) {
  const known = incidents ?? [];
  const incidentOptions: Option[] = [
    { value: '', label: incidents ? 'All your incidents' : 'Loading incidents…' },
    ...known.map((i) => ({ value: i.id, label: `${i.id} · ${i.title}` })),
    // A filter from a shared link for an incident not in the list still shows what is selected.
    ...(filters.incident && !known.some((i) => i.id === filters.incident)
      ? [{ value: filters.incident, label: filters.incident }]
      : []),
  ];
  const set = (key: string) => (event: { target: { value: string } }) =>
    setQuery({ [key]: event.target.value, page: undefined });

  return (
    <form
      className="filters alert-filters"
      role="search"
      aria-label="Filter alerts"
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField label="Level" value={filters.level} onChange={set('level')} options={LEVEL_OPTIONS} />
      <SelectField label="Incident" value={filters.incident} onChange={set('incident')} options={incidentOptions} />
      <label className="toggle">
        <input
          type="checkbox"
          checked={filters.grouped}
          onChange={(e) => setQuery({ group: e.target.checked ? 'rule' : undefined, page: undefined })}
        />
        Group by rule
      </label>
      {isFiltered(filters) && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setQuery({ level: undefined, incident: undefined, page: undefined })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Filters of the board: state, severity, entity and a search; each change updates the URL. */
import { useEffect, useState } from 'react';
import { INCIDENT_STATES } from '../../../src/incident/lifecycle';
import { SEVERITIES } from '../../../src/incident/fields';
import type { Entity } from '../../../src/estate/schema';
import { setQuery } from '../app/router';
import { label } from '../ui/Badge';
import { SelectField, TextField, type Option } from '../ui/Field';
import { isFiltered, type BoardFilters as Filters } from './filters';

const STATE_OPTIONS: Option[] = [
  { value: 'active', label: 'Active (not closed)' },
  { value: 'all', label: 'All, including closed' },
  ...INCIDENT_STATES.map((state) => ({ value: state, label: label(state) })),
];
const SEVERITY_OPTIONS: Option[] = [
  { value: '', label: 'Any severity' },
  ...SEVERITIES.map((s) => ({ value: s, label: label(s) })),
];

const SEARCH_DELAY_MS = 300;

export function BoardFilters({ filters, entities }: { filters: Filters; entities: readonly Entity[] | undefined }) {
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = window.setTimeout(() => setQuery({ q, page: undefined }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [q, filters.q]);

  const entityOptions: Option[] = [
    { value: '', label: entities ? 'All your entities' : 'Loading entities…' },
    ...(entities ?? []).map((e) => ({ value: e.id, label: `${e.name} (${e.id})` })),
  ];
  const set = (key: string) => (event: { target: { value: string } }) =>
    setQuery({ [key]: event.target.value, page: undefined });

  return (
    <form className="filters" role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
      <SelectField label="State" value={filters.state} onChange={set('state')} options={STATE_OPTIONS} />
      <SelectField label="Severity" value={filters.severity} onChange={set('severity')} options={SEVERITY_OPTIONS} />
      <SelectField label="Entity" value={filters.entity} onChange={set('entity')} options={entityOptions} />
      <TextField
        label="Search"
        type="search"
        placeholder="Title or id (press / to focus)"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-board-search=""
      />
      {isFiltered(filters) && (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() =>
            setQuery({ state: undefined, severity: undefined, entity: undefined, q: undefined, page: undefined })
          }
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

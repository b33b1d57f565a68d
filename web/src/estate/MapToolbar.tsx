/** Above the map: find a node, choose how to colour, pick the incident whose scope colours the map. */
import { useRef, type KeyboardEvent, type RefObject } from 'react';
import type { IncidentSummary } from '../api/endpoints';
import { SelectField, TextField } from '../ui/Field';
import type { SearchHit } from './map-model';
import type { ColourMode } from './map/reducers';

interface Props {
  query: string;
  onQuery: (text: string) => void;
  hits: readonly SearchHit[];
  onPick: (hit: SearchHit) => void;
  mode: ColourMode;
  onMode: (mode: ColourMode) => void;
  incident: string;
  incidents: readonly IncidentSummary[] | undefined;
  onIncident: (id: string) => void;
  showServices: boolean;
  onShowServices: (show: boolean) => void;
}

const SHOWN_HITS = 12;

function Hits({
  hits,
  onPick,
  listRef,
}: {
  hits: readonly SearchHit[];
  onPick: (hit: SearchHit) => void;
  listRef: RefObject<HTMLUListElement | null>;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : null;
    if (next === null) return;
    event.preventDefault();
    if (next < 0) document.querySelector<HTMLInputElement>('[data-map-search]')?.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  };
  return (
    <ul className="map-hits" ref={listRef} aria-label="Search results" onKeyDown={onKeyDown}>
      {hits.slice(0, SHOWN_HITS).map((hit) => (
        <li key={hit.key}>
          <button type="button" className="map-hit" onClick={() => onPick(hit)}>
            <span className="mono">{hit.label}</span> <span className="faint">{hit.detail}</span>
          </button>
        </li>
      ))}
      {hits.length > SHOWN_HITS && (
        <li className="faint map-hits-more">{hits.length - SHOWN_HITS} more highlighted on the map</li>
      )}
    </ul>
  );
}

export function MapToolbar(props: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const first = props.hits[0];
    if (event.key === 'Enter' && first) {
      event.preventDefault();
      props.onPick(first);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      listRef.current?.querySelector('button')?.focus();
    } else if (event.key === 'Escape') {
      props.onQuery('');
    }
  };
  const incidentOptions = [
    { value: '', label: props.incidents ? 'Choose an incident…' : 'Loading incidents…' },
    ...(props.incidents ?? []).map((i) => ({ value: i.id, label: `${i.id} · ${i.title}` })),
  ];
  return (
    <div className="map-toolbar">
      <div className="map-search" role="search">
        <TextField
          label="Find on the map"
          type="search"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={onSearchKey}
          placeholder="hostname, IP, role, segment… (Enter selects)"
          data-map-search=""
          autoComplete="off"
        />
        {props.query.trim() &&
          (props.hits.length ? (
            <Hits hits={props.hits} onPick={props.onPick} listRef={listRef} />
          ) : (
            <p className="faint map-hits">Nothing matches “{props.query}”.</p>
          ))}
      </div>
      <SelectField
        label="Colour by"
        value={props.mode}
        onChange={(e) => props.onMode(e.target.value as ColourMode)}
        options={[
          { value: 'criticality', label: 'Criticality' },
          { value: 'scope', label: 'Scope of an incident' },
        ]}
      />
      {props.mode === 'scope' && (
        <SelectField
          label="Incident"
          value={props.incident}
          onChange={(e) => props.onIncident(e.target.value)}
          options={incidentOptions}
        />
      )}
      <label className="map-check">
        <input type="checkbox" checked={props.showServices} onChange={(e) => props.onShowServices(e.target.checked)} />{' '}
        Show services
      </label>
    </div>
  );
}

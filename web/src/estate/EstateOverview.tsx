/** Beside the map when nothing is selected: the estate in numbers, the legend, and entities to jump to. */
import type { EstateDocument } from '../../../src/estate/schema';
import { label } from '../ui/Badge';
import { count } from '../ui/text';
import type { Palette } from './map/palette';
import type { ColourMode } from './map/reducers';

function Swatch({ colour, text }: { colour: string; text: string }) {
  return (
    <li>
      <span className="swatch" style={{ background: colour }} aria-hidden="true" />
      {text}
    </li>
  );
}

export function Legend({ mode, palette, incident }: { mode: ColourMode; palette: Palette; incident: string }) {
  return (
    <section aria-labelledby="legend-title">
      <h3 id="legend-title">Legend</h3>
      <ul className="legend">
        {mode === 'criticality' ? (
          Object.entries(palette.criticality).map(([value, colour]) => (
            <Swatch key={value} colour={colour} text={`${label(value)} criticality host`} />
          ))
        ) : (
          <>
            {Object.entries(palette.scope).map(([value, colour]) => (
              <Swatch key={value} colour={colour} text={label(value)} />
            ))}
            <Swatch colour={palette.unscoped} text={incident ? 'not in scope' : 'choose an incident'} />
          </>
        )}
        <Swatch colour={palette.kind.region} text="region" />
        <Swatch colour={palette.kind.entity} text="entity" />
        {mode === 'criticality' && <Swatch colour={palette.kind.segment} text="network segment (hosts around it)" />}
        <Swatch colour={palette.kind.service} text="business service" />
      </ul>
    </section>
  );
}

export function EstateOverview({
  doc,
  onFocus,
  scoped,
}: {
  doc: EstateDocument;
  onFocus: (key: string) => void;
  scoped: boolean;
}) {
  const hostsOf = (entity: string) => doc.hosts.filter((h) => h.entity === entity).length;
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Estate</h2>
      <p className="muted" data-testid="estate-counts">
        {[
          count(doc.hosts.length, 'host'),
          count(doc.segments.length, 'segment'),
          count(doc.entities.length, 'entity', 'entities'),
          count(doc.services.length, 'service'),
        ].join(' · ')}
        {scoped && ' (your entities only)'}
      </p>
      <p className="faint">Select a host on the map or find it above to see its details and blast radius.</p>
      <ul className="plain-list entity-jump" aria-label="Entities">
        {doc.entities.map((e) => (
          <li key={e.id}>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => onFocus(`entity:${e.id}`)}>
              {e.name}
            </button>{' '}
            <span className="faint">
              {e.country} · {count(hostsOf(e.id), 'host')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The estate map page (loaded on demand with the graph library). The URL holds the view (?host=, ?colour=,
 * ?incident=, ?services=1), so a selected host can be linked from an incident's scope.
 */
import { useEffect, useMemo, useState } from 'react';
import { fetchBlastRadius, fetchEstateDocument, fetchHost, fetchIncident, listIncidents } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { setQuery, useLocation } from '../app/router';
import { sessionKey, useSession } from '../app/session';
import { currentTheme, type Theme } from '../app/theme';
import { ErrorNotice, Loading } from '../ui/Status';
import { EstateOverview, Legend } from './EstateOverview';
import { HostPanel } from './HostPanel';
import { affectedEntityKeys, blastKeys, describeEstate, scopeKeys, searchEstate, type SearchHit } from './map-model';
import EstateMap from './map/EstateMap';
import { buildEstateGraph, nodeKey } from './map/graph';
import { paletteFor } from './map/palette';
import type { ColourMode, MapView } from './map/reducers';
import { MapToolbar } from './MapToolbar';
import '../styles/estate.css';

function useThemeName(): Theme {
  const [theme, setTheme] = useState<Theme>(currentTheme);
  useEffect(() => {
    const update = () => setTheme(currentTheme());
    window.addEventListener('firebreak:theme', update);
    return () => window.removeEventListener('firebreak:theme', update);
  }, []);
  return theme;
}

export default function EstatePage() {
  const { me } = useSession();
  const key = sessionKey(me);
  const { search } = useLocation();
  const host = search.get('host');
  const mode: ColourMode = search.get('colour') === 'scope' ? 'scope' : 'criticality';
  const incident = search.get('incident') ?? '';
  const showServices = search.get('services') === '1';
  const [query, setQueryText] = useState('');
  const [focus, setFocus] = useState<{ key: string } | null>(host ? { key: nodeKey('host', host) } : null);
  const theme = useThemeName();

  const doc = useQuery(`estate:${key}`, () => fetchEstateDocument(key));
  const graph = useMemo(() => (doc.data ? buildEstateGraph(doc.data) : undefined), [doc.data]);
  const incidents = useQuery(mode === 'scope' ? `map-incidents:${key}` : null, (signal) =>
    listIncidents({ limit: 200 }, signal),
  );
  const scoped = useQuery(mode === 'scope' && incident ? `incident:${incident}` : null, (signal) =>
    fetchIncident(incident, signal),
  );
  const detail = useQuery(host ? `host:${host}` : null, (signal) => fetchHost(host ?? '', signal));
  const blast = useQuery(host ? `blast:${host}` : null, (signal) => fetchBlastRadius([host ?? ''], signal));

  const hits = useMemo(() => (doc.data ? searchEstate(doc.data, query) : []), [doc.data, query]);
  const view: MapView = useMemo(
    () => ({
      mode,
      scope: scoped.data ? scopeKeys(scoped.data) : new Map<string, string>(),
      affected: scoped.data ? affectedEntityKeys(scoped.data) : new Map<string, string>(),
      blast: blast.data && doc.data ? blastKeys(blast.data, doc.data) : null,
      matches: query.trim() ? new Set(hits.map((h) => h.key)) : null,
      selected: host ? nodeKey('host', host) : null,
      showServices,
      palette: paletteFor(theme),
    }),
    [mode, scoped.data, blast.data, doc.data, query, hits, host, showServices, theme],
  );

  const select = (nodeKeyOrNull: string | null) => {
    if (nodeKeyOrNull === null) return setQuery({ host: undefined });
    const [kind, ref] = nodeKeyOrNull.split(/:(.*)/s);
    if (kind === 'host' && ref) setQuery({ host: ref });
    setFocus({ key: nodeKeyOrNull });
  };
  const pick = (hit: SearchHit) => {
    setQueryText('');
    select(hit.key);
  };

  if (doc.error !== undefined && !doc.data)
    return <ErrorNotice error={doc.error} onRetry={doc.reload} action="The estate could not be loaded" center />;
  if (!doc.data || !graph) return <Loading what="the estate" center />;

  return (
    <div className="page map-page">
      <div className="page-head">
        <h1>Estate map</h1>
        <span className="muted">{describeEstate(doc.data)}</span>
      </div>
      <MapToolbar
        query={query}
        onQuery={setQueryText}
        hits={hits}
        onPick={pick}
        mode={mode}
        onMode={(m) => setQuery({ colour: m === 'scope' ? 'scope' : undefined })}
        incident={incident}
        incidents={incidents.data?.items}
        onIncident={(id) => setQuery({ incident: id })}
        showServices={showServices}
        onShowServices={(show) => setQuery({ services: show ? '1' : undefined })}
      />
      {incidents.error !== undefined && (
        <ErrorNotice error={incidents.error} onRetry={incidents.reload} action="Incidents unavailable" />
      )}
      {scoped.error !== undefined && (
        <ErrorNotice error={scoped.error} onRetry={scoped.reload} action="That incident's scope is unavailable" />
      )}
      <div className="map-layout">
        <EstateMap
          graph={graph}
          view={view}
          focus={focus}
          onSelect={select}
          description={`Estate map: ${describeEstate(doc.data)}`}
        />
        <aside className="map-aside" aria-label="Details">
          {host ? (
            <HostPanel hostname={host} detail={detail} blast={blast} onClose={() => select(null)} />
          ) : (
            <div className="panel map-side">
              <div className="panel-body">
                <EstateOverview doc={doc.data} onFocus={(k) => setFocus({ key: k })} scoped={me.entities !== '*'} />
              </div>
            </div>
          )}
          <div className="panel map-side">
            <div className="panel-body">
              <Legend mode={mode} palette={view.palette} incident={incident} />
            </div>
          </div>
        </aside>
      </div>
    </div>
  );
}

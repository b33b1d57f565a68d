/** The incident board: open and recent incidents, filtered, live; a button to open one by hand. */
import { useEffect, useState } from 'react';
import { fetchEntities } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { navigate, useLocation } from '../app/router';
import { sessionKey, useSession } from '../app/session';
import { ExerciseBanner } from '../exercise/ExerciseBanner';
import { Pager } from '../ui/Pager';
import { Empty, ErrorNotice, LiveIndicator, Loading } from '../ui/Status';
import { BoardFilters } from './BoardFilters';
import { filtersFrom, isFiltered, PAGE_SIZE } from './filters';
import { IncidentTable } from './IncidentTable';
import { NewIncidentDialog } from './NewIncidentDialog';
import { useBoard } from './use-board';

/** "/" focuses the search field, as in most tools with a list. */
function useSearchShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select, dialog')) return;
      const search = document.querySelector<HTMLInputElement>('[data-board-search]');
      if (search) {
        event.preventDefault();
        search.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function BoardPage() {
  const { search } = useLocation();
  const session = useSession();
  const filters = filtersFrom(search);
  const { page, fresh, stream } = useBoard(filters);
  const entities = useQuery(`entities:${sessionKey(session.me)}`, fetchEntities);
  const [creating, setCreating] = useState(false);
  useSearchShortcut();

  return (
    <div className="page">
      <div className="page-head">
        <h1>
          Incidents
          {page.data && <span className="count">{page.data.total.toLocaleString()}</span>}
        </h1>
        <LiveIndicator status={stream.status} onRestart={stream.restart} />
        <div className="header-spacer" />
        {session.can('incident:create') && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            + New incident
          </button>
        )}
      </div>
      <ExerciseBanner emptyBoard={page.data?.total === 0 && !isFiltered(filters)} />
      <BoardFilters filters={filters} entities={entities.data?.items} />
      {entities.error !== undefined && (
        <ErrorNotice error={entities.error} action="Entities could not be loaded" onRetry={entities.reload} />
      )}
      <section className="panel board-panel" aria-busy={page.loading}>
        {page.error !== undefined && (
          <ErrorNotice error={page.error} action="Incidents could not be loaded" onRetry={page.reload} />
        )}
        {page.data === undefined && page.error === undefined && <Loading what="incidents" />}
        {page.data && page.data.items.length === 0 && (
          <Empty>
            {isFiltered(filters)
              ? 'No incidents match these filters.'
              : 'No active incidents. Open one with “New incident” when something happens.'}
          </Empty>
        )}
        {page.data && page.data.items.length > 0 && <IncidentTable items={page.data.items} fresh={fresh} />}
      </section>
      {page.data && page.data.total > PAGE_SIZE && (
        <Pager page={filters.page} total={page.data.total} size={PAGE_SIZE} />
      )}
      <NewIncidentDialog
        open={creating}
        entities={entities.data?.items}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/incidents/${id}`);
        }}
      />
    </div>
  );
}

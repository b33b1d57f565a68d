/**
 * Alerts across the incidents the user may see, newest first: filter by level and incident, page through them
 * or group them by rule, open one for its rule and matching event. Live through the board stream.
 */
import { listIncidents } from '../api/endpoints';
import type { AlertEvent } from '../api/detect-schemas';
import { useQuery } from '../api/use-query';
import { Link, useLocation } from '../app/router';
import { sessionKey, useSession } from '../app/session';
import { Pager } from '../ui/Pager';
import { Empty, ErrorNotice, LiveIndicator, Loading } from '../ui/Status';
import { count } from '../ui/text';
import { filtersFrom, GROUP_WINDOW, isFiltered, PAGE_SIZE, type AlertFilters as Filters } from './alert-filters';
import { AlertFilters } from './AlertFilters';
import { AlertTable } from './AlertTable';
import { groupByRule, RuleGroups } from './RuleGroups';
import { useAlerts } from './use-alerts';

function Results({ items, total, filters }: { items: readonly AlertEvent[]; total: number; filters: Filters }) {
  if (items.length === 0) {
    return (
      <Empty>
        {isFiltered(filters) ? (
          'No alerts match these filters.'
        ) : (
          <>
            No alerts yet. Events sent to <span className="mono">/api/intake/events</span> or{' '}
            <span className="mono">firebreak ingest</span> raise them; sweep files on the{' '}
            <Link to="/hunt">hunt page</Link>.
          </>
        )}
      </Empty>
    );
  }
  if (filters.grouped) {
    return (
      <>
        <RuleGroups groups={groupByRule(items.map((i) => i.payload))} label="Alerts by rule" />
        {total > items.length && (
          <p className="faint table-note">
            Counted over the newest {GROUP_WINDOW.toLocaleString()} of {total.toLocaleString()} alerts.
          </p>
        )}
      </>
    );
  }
  return (
    <AlertTable
      rows={items.map((event) => ({ alert: event.payload, incidentId: event.incidentId }))}
      label="Alerts, newest first"
      showIncident
    />
  );
}

export function AlertsPage() {
  const { search } = useLocation();
  const session = useSession();
  const filters = filtersFrom(search);
  const { page, stream, lastChange } = useAlerts(filters);
  // The incident menu: read again when the stream reports an incident it may not hold yet.
  const incidents = useQuery(
    `incidents-for-alerts:${sessionKey(session.me)}:${lastChange ?? ''}`,
    (signal) => listIncidents({ limit: 200 }, signal),
    { keepPrevious: true },
  );
  // The level is sent to the server and also checked here, so the list never shows another level.
  const items = (page.data?.items ?? []).filter((a) => !filters.level || a.payload.rule.level === filters.level);
  const levelOnPage = filters.level !== '' && page.data !== undefined && items.length !== page.data.items.length;
  const total = levelOnPage ? items.length : (page.data?.total ?? 0);

  return (
    <div className="page">
      <div className="page-head">
        <h1>
          Alerts
          {page.data && <span className="count">{total.toLocaleString()}</span>}
        </h1>
        <LiveIndicator status={stream.status} onRestart={stream.restart} />
        <div className="header-spacer" />
        <Link to="/hunt" className="btn">
          Hunt in files
        </Link>
      </div>
      <AlertFilters filters={filters} incidents={incidents.data?.items} />
      {incidents.error !== undefined && (
        <ErrorNotice error={incidents.error} action="Incidents could not be loaded" onRetry={incidents.reload} />
      )}
      <section className="panel board-panel" aria-busy={page.loading}>
        {page.error !== undefined && (
          <ErrorNotice error={page.error} action="Alerts could not be loaded" onRetry={page.reload} />
        )}
        {page.data === undefined && page.error === undefined && <Loading what="alerts" />}
        {page.data && <Results items={items} total={page.data.total} filters={filters} />}
        {levelOnPage && (
          <p className="faint table-note">
            {count(items.length, `${filters.level} alert`)} on this page of {page.data?.items.length}; the server does
            not filter by level yet.
          </p>
        )}
      </section>
      {page.data && !filters.grouped && page.data.total > PAGE_SIZE && (
        <Pager page={filters.page} total={page.data.total} size={PAGE_SIZE} />
      )}
    </div>
  );
}

/** One incident: header and lifecycle, detections, live timeline, scope, tasks and notes. */
import { ApiError } from '../api/errors';
import { Link, parseRoute, useLocation } from '../app/router';
import { ObligationsTab } from '../obligations/ObligationsTab';
import { ErrorNotice, Loading } from '../ui/Status';
import { DetectionsPanel } from './DetectionsPanel';
import { IncidentHeader } from './IncidentHeader';
import { NotesPanel } from './NotesPanel';
import { ScopePanel } from './ScopePanel';
import { TasksPanel } from './TasksPanel';
import { Timeline } from './Timeline';
import { useIncident } from './use-incident';

export function IncidentPage({ id }: { id: string }) {
  const incident = useIncident(id);
  const { view } = incident;
  const route = parseRoute(useLocation().pathname);
  const tab = route.name === 'incident' ? route.tab : undefined;

  if (view.data === undefined) {
    if (view.error === undefined) return <Loading what={`incident ${id}`} center />;
    const missing = view.error instanceof ApiError && view.error.code === 'not_found';
    return (
      <div className="page">
        <ErrorNotice error={view.error} onRetry={missing ? undefined : view.reload} center />
        <p className="status-center muted">
          <Link to="/">Back to the incident board</Link>
        </p>
      </div>
    );
  }

  const data = view.data;
  return (
    <div className="page incident-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Incidents</Link> <span aria-hidden="true">/</span> <span className="mono">{id}</span>
      </nav>
      {view.error !== undefined && (
        <ErrorNotice error={view.error} action="The latest changes could not be loaded" onRetry={view.reload} />
      )}
      <IncidentHeader view={data} incident={incident} />
      <nav className="incident-tabs" aria-label="Incident sections">
        <Link to={`/incidents/${id}`} aria-current={tab === undefined ? 'page' : undefined}>
          Response
        </Link>
        <Link to={`/incidents/${id}/containment`}>Containment</Link>
        <Link to={`/incidents/${id}/recovery`}>Recovery</Link>
        <Link to={`/incidents/${id}/obligations`} aria-current={tab === 'obligations' ? 'page' : undefined}>
          Obligations and notices
        </Link>
      </nav>
      {tab === 'obligations' ? (
        <ObligationsTab id={id} entities={data.summary.entities} events={incident.events} />
      ) : (
        <>
          <DetectionsPanel id={id} events={incident.events} />
          <div className="incident-grid">
            <Timeline view={data} events={incident.events} logError={incident.log.error} />
            <ScopePanel view={data} append={incident.append} />
            <div className="incident-side">
              <TasksPanel tasks={data.tasks} append={incident.append} />
              <NotesPanel notes={data.notes} append={incident.append} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

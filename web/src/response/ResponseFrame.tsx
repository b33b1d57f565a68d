/**
 * The frame of the containment and recovery views: the breadcrumb, the incident's own header (state, lifecycle,
 * commander, live) and the incident's sections, so these views read as part of the incident page.
 */
import type { ReactNode } from 'react';
import { ApiError } from '../api/errors';
import { Link } from '../app/router';
import { IncidentHeader } from '../incident/IncidentHeader';
import { useIncident } from '../incident/use-incident';
import { ErrorNotice, Loading } from '../ui/Status';

type Section = 'containment' | 'recovery';

const SECTIONS: { path: string; label: string; section?: Section }[] = [
  { path: '', label: 'Response' },
  { path: '/containment', label: 'Containment', section: 'containment' },
  { path: '/recovery', label: 'Recovery', section: 'recovery' },
  { path: '/obligations', label: 'Obligations and notices' },
];

export function ResponseFrame({ id, section, children }: { id: string; section: Section; children: ReactNode }) {
  const incident = useIncident(id);
  const { view } = incident;
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
  return (
    <div className="page incident-page response-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Incidents</Link> <span aria-hidden="true">/</span> <Link to={`/incidents/${id}`}>{id}</Link>{' '}
        <span aria-hidden="true">/</span> <span>{section === 'containment' ? 'Containment' : 'Recovery'}</span>
      </nav>
      <IncidentHeader view={view.data} incident={incident} />
      <nav className="incident-tabs" aria-label="Incident sections">
        {SECTIONS.map((s) => (
          <Link key={s.label} to={`/incidents/${id}${s.path}`} aria-current={s.section === section ? 'page' : undefined}>
            {s.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}

/**
 * The incident's detections: its alerts (newest first), each opening to the matching event and the rule
 * (title, level, author, tags, references). Reloaded when the live log brings a new `alert.raised`.
 */
import { listAlerts, type IncidentEvent } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { Link } from '../app/router';
import { AlertTable } from '../detect/AlertTable';
import { ErrorNotice, Loading } from '../ui/Status';

const LIMIT = 200;

export function DetectionsPanel({ id, events }: { id: string; events: readonly IncidentEvent[] }) {
  const raised = events.filter((event) => event.type === 'alert.raised').length;
  const alerts = useQuery(
    `detections:${id}:${raised}`,
    (signal) => listAlerts({ incident: id, limit: LIMIT }, signal),
    {
      keepPrevious: true,
    },
  );
  const data = alerts.data;
  return (
    <section className="panel detections-panel" aria-labelledby="detections-title" aria-busy={alerts.loading}>
      <div className="panel-head">
        <h2 id="detections-title">Detections{data && <span className="count">{data.total}</span>}</h2>
        {data?.total === 0 && <span className="faint">No alert has raised or joined this incident.</span>}
        {data && data.total > 0 && (
          <Link to={`/alerts?incident=${id}`} className="faint">
            {data.total > data.items.length ? `All ${data.total} in the alerts view` : 'Open in the alerts view'}
          </Link>
        )}
      </div>
      {alerts.error !== undefined && (
        <ErrorNotice error={alerts.error} action="Detections could not be loaded" onRetry={alerts.reload} />
      )}
      {data === undefined && alerts.error === undefined && <Loading what="detections" />}
      {data && data.items.length > 0 && (
        <div className="panel-body flush board-panel">
          <AlertTable
            rows={data.items.map((event) => ({ alert: event.payload }))}
            label="Detections of this incident"
            showIncident={false}
          />
        </div>
      )}
    </section>
  );
}

/** The incident table: dense, one row per incident, the title a link to the incident page. */
import type { IncidentSummary } from '../api/endpoints';
import { Link } from '../app/router';
import { EntityChips, SeverityBadge, StateBadge } from '../ui/Badge';
import { Age, Ago, useNow } from '../ui/Time';

export function IncidentTable({ items, fresh }: { items: readonly IncidentSummary[]; fresh: ReadonlySet<string> }) {
  const now = useNow();
  return (
    <table className="table incident-table" aria-label="Incidents">
      <thead>
        <tr>
          <th scope="col">Id</th>
          <th scope="col">Incident</th>
          <th scope="col">Severity</th>
          <th scope="col">State</th>
          <th scope="col">Entities</th>
          <th scope="col">Commander</th>
          <th scope="col" className="num">
            Age
          </th>
          <th scope="col" className="num">
            Last activity
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((incident) => (
          <tr key={incident.id} className={fresh.has(incident.id) ? 'fresh' : undefined} data-incident={incident.id}>
            <td className="mono">{incident.id}</td>
            <td>
              <Link to={`/incidents/${incident.id}`} className="cell-title">
                {incident.title}
              </Link>
            </td>
            <td>
              <SeverityBadge value={incident.severity} strong={incident.severity === 'critical'} />
            </td>
            <td>
              <StateBadge value={incident.state} />
            </td>
            <td>
              <EntityChips entities={incident.entities} />
            </td>
            <td>{incident.commander ?? <span className="faint">unassigned</span>}</td>
            <td className="num">
              <Age at={incident.openedAt} now={now} />
            </td>
            <td className="num muted">
              <Ago at={incident.updatedAt} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

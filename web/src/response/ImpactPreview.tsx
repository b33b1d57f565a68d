/**
 * What a plan stops before it runs: hosts affected, services that go down or degrade and whose they are,
 * throughput lost per hour per entity and region, external links and segment links cut.
 */
import type { ImpactView } from '../api/response-schemas';
import { CriticalityBadge } from '../ui/Badge';
import { count } from '../ui/text';

const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;

export const rate = (lost: readonly { unit: string; perHour: number }[]) =>
  lost.length === 0 ? 'none' : lost.map((l) => `${l.perHour.toLocaleString()} ${l.unit}/h`).join(', ');

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'warn' | undefined }) {
  return (
    <div className="impact-stat" data-tone={tone}>
      <span className="impact-value">{value}</span>
      <span className="impact-label">{label}</span>
    </div>
  );
}

/** The numbers in one row: what people compare between plans. */
export function ImpactStats({ impact }: { impact: ImpactView }) {
  const down = impact.services.filter((s) => s.status === 'down').length;
  const degraded = impact.services.length - down;
  const byCrit = impact.hostsByCriticality;
  return (
    <div className="impact-stats" aria-label="Impact">
      <Stat label="hosts affected" value={impact.hostsAffected.toLocaleString()} tone={impact.hostsAffected > 0 ? 'warn' : undefined} />
      <Stat label="services down" value={String(down)} tone={down > 0 ? 'bad' : undefined} />
      <Stat label="degraded" value={String(degraded)} tone={degraded > 0 ? 'warn' : undefined} />
      <Stat label="lost per hour" value={rate(impact.lostPerHour)} tone={impact.lostPerHour.length > 0 ? 'bad' : undefined} />
      <Stat label="external links cut" value={String(impact.externalLinksCut.length)} />
      <Stat label="segment links cut" value={String(impact.linksCut.length)} />
      {down > 0 && (
        <p className="impact-whose">
          Stops{' '}
          {impact.services
            .filter((s) => s.status === 'down')
            .slice(0, 3)
            .map((s) => `${s.name} (${s.entity})`)
            .join(', ')}
          {down > 3 ? ` and ${down - 3} more` : ''}
        </p>
      )}
      {byCrit && (
        <div className="impact-crit">
          <span className="impact-label">hosts by criticality</span>
          {CRITICALITIES.filter((c) => (byCrit[c] ?? 0) > 0).map((c) => (
            <span key={c} className="impact-crit-item">
              {byCrit[c]} <CriticalityBadge value={c} />
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

function Services({ impact }: { impact: ImpactView }) {
  if (impact.services.length === 0) return <p className="faint small">No service stops or slows down.</p>;
  return (
    <table className="table table-compact">
      <caption className="visually-hidden">Services that stop or slow down</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Owner</th>
          <th scope="col">Status</th>
          <th scope="col">Why</th>
          <th scope="col">Lost per hour</th>
        </tr>
      </thead>
      <tbody>
        {impact.services.map((s) => (
          <tr key={s.id}>
            <td>
              {s.name} <CriticalityBadge value={s.criticality} />
            </td>
            <td>
              <span className="chip">{s.entity}</span> {s.region && <span className="faint">{s.region}</span>}
            </td>
            <td>
              <span className={`svc-status svc-${s.status}`}>{s.status === 'down' ? 'down' : `degraded, ${Math.round(s.capacity * 100)}% left`}</span>
            </td>
            <td className="small">{s.reasons.join('; ')}</td>
            <td className="num">{s.lost ? `${s.lost.perHour.toLocaleString()} ${s.lost.unit}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ByUnit({ title, rows }: { title: string; rows: ImpactView['byEntity'] | ImpactView['byRegion'] }) {
  if (rows.length === 0) return null;
  return (
    <table className="table table-compact">
      <caption className="impact-caption">{title}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">Hosts</th>
          <th scope="col" className="num">Down</th>
          <th scope="col" className="num">Degraded</th>
          <th scope="col">Lost per hour</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              {r.name} <span className="faint mono">{r.id}</span>
            </td>
            <td className="num">{r.hostsIsolated.toLocaleString()}</td>
            <td className="num">{r.servicesDown}</td>
            <td className="num">{r.servicesDegraded}</td>
            <td>{rate(r.lostPerHour)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Links({ impact }: { impact: ImpactView }) {
  if (impact.externalLinksCut.length + impact.linksCut.length === 0) return null;
  return (
    <div className="impact-links">
      {impact.externalLinksCut.length > 0 && (
        <div>
          <h4>External links cut</h4>
          <ul>
            {impact.externalLinksCut.map((l) => (
              <li key={`${l.segment}/${l.name}`}>
                <span className="mono">{l.segment}</span>: {l.kind} <span className="muted">{l.name}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {impact.linksCut.length > 0 && (
        <div>
          <h4>Segment links cut</h4>
          <ul>
            {impact.linksCut.map((l) => (
              <li key={`${l.from}-${l.to}`} className="mono">
                {l.from} ↔ {l.to}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The whole preview; `open` shows the tables at once (suggestions), else behind "Impact details". */
export function ImpactPreview({ impact, open = false }: { impact: ImpactView; open?: boolean }) {
  const details = (
    <div className="impact-details">
      <Services impact={impact} />
      <div className="impact-units">
        <ByUnit title="By entity" rows={impact.byEntity} />
        <ByUnit title="By region" rows={impact.byRegion} />
      </div>
      <Links impact={impact} />
      {impact.assumptions.length > 0 && (
        <details className="impact-assumptions">
          <summary>How this is estimated ({count(impact.assumptions.length, 'assumption')})</summary>
          <ul>
            {impact.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
  return (
    <div className="impact">
      <ImpactStats impact={impact} />
      {open ? (
        details
      ) : (
        <details className="impact-more">
          <summary>Impact details</summary>
          {details}
        </details>
      )}
    </div>
  );
}

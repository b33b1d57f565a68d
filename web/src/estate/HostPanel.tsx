/** The selected host: what it is, the services that run on it, its data, and what an attacker on it can reach. */
import type { ReactNode } from 'react';
import type { BlastRadiusView, HostDetail } from '../api/schemas';
import type { Query } from '../api/use-query';
import { CriticalityBadge, EntityChips } from '../ui/Badge';
import { ErrorNotice, Loading } from '../ui/Status';

function Facts({ detail }: { detail: HostDetail }) {
  const { host, segment, entity } = detail;
  const rows: [string, ReactNode][] = [
    ['Criticality', <CriticalityBadge value={host.criticality} key="c" />],
    ['Role', host.role],
    ['OS', host.os],
    [
      'IP',
      <span className="mono" key="ip">
        {host.ips.join(', ') || '—'}
      </span>,
    ],
    ['Segment', segment ? `${segment.name} (${segment.id})` : host.segment],
    ['Entity', entity ? `${entity.name} (${entity.country})` : host.entity],
    ['Agent', host.agent?.lastSeen ? `seen ${host.agent.lastSeen}` : host.agent ? 'enrolled' : 'none'],
  ];
  return (
    <dl className="facts facts-stacked" aria-label="Host details">
      {rows.map(([term, value]) => (
        <div className="fact" key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {host.tags.length > 0 && (
        <div className="fact">
          <dt>Tags</dt>
          <dd>
            <EntityChips entities={host.tags} />
          </dd>
        </div>
      )}
    </dl>
  );
}

function Services({ detail }: { detail: HostDetail }) {
  return (
    <section aria-labelledby="host-services">
      <h3 id="host-services">Services on this host</h3>
      {detail.services.length === 0 ? (
        <p className="faint">No business service runs on it.</p>
      ) : (
        <ul className="plain-list">
          {detail.services.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> <CriticalityBadge value={s.criticality} />
              {s.throughput && (
                <span className="faint">
                  {' '}
                  · {s.throughput.perHour.toLocaleString()} {s.throughput.unit}/h
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {detail.dataStores.length > 0 && (
        <ul className="plain-list">
          {detail.dataStores.map((d) => (
            <li key={d.id}>
              Data: <strong>{d.name}</strong>{' '}
              <span className="faint">
                {d.records.toLocaleString()} records
                {d.personalData.length ? ` · personal: ${d.personalData.join(', ')}` : ''}
                {d.encryptedAtRest ? ' · encrypted' : ' · not encrypted'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Blast({ blast }: { blast: BlastRadiusView }) {
  const t = blast.totals;
  const figures: [string, number][] = [
    ['Segments', t.segments],
    ['Hosts', t.hosts],
    ['Services', t.services],
    ['Entities', t.entities],
    ['Regions', t.regions],
    ['Personal records', t.personalRecords],
    ['Exposure points', t.exposurePoints],
  ];
  return (
    <section aria-labelledby="blast-title" data-testid="blast-radius">
      <h3 id="blast-title">Blast radius</h3>
      <p className="faint">What an attacker on this host can reach over segment links, highlighted on the map.</p>
      <dl className="figures">
        {figures.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {blast.hidden && blast.hidden.hosts + blast.hidden.segments > 0 && (
        <p className="muted">
          Also reaches {blast.hidden.hosts.toLocaleString()} hosts in {blast.hidden.segments} segments outside your
          entities.
        </p>
      )}
      {blast.services.length > 0 && (
        <details>
          <summary>Services at risk ({blast.services.length})</summary>
          <ul className="plain-list">
            {blast.services.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong> <span className="faint">{s.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function HostPanel({
  hostname,
  detail,
  blast,
  onClose,
}: {
  hostname: string;
  detail: Query<HostDetail>;
  blast: Query<BlastRadiusView>;
  onClose: () => void;
}) {
  return (
    <section className="panel map-side" aria-labelledby="host-title" data-testid="host-panel">
      <div className="panel-head">
        <h2 id="host-title" className="mono">
          {hostname}
        </h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label="Clear the selection">
          ✕
        </button>
      </div>
      <div className="panel-body stack">
        {detail.error !== undefined && (
          <ErrorNotice error={detail.error} onRetry={detail.reload} action="Host details unavailable" />
        )}
        {detail.data ? <Facts detail={detail.data} /> : detail.error === undefined && <Loading what="host details" />}
        {blast.error !== undefined && (
          <ErrorNotice error={blast.error} onRetry={blast.reload} action="Blast radius unavailable" />
        )}
        {blast.data ? <Blast blast={blast.data} /> : blast.error === undefined && <Loading what="the blast radius" />}
        {detail.data && <Services detail={detail.data} />}
      </div>
    </section>
  );
}

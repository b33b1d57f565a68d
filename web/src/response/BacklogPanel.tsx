/**
 * The business backlog: work that piled up while services were down and how long it takes to work off after
 * restoration, per region, entity or service, as a chart and, for every service, as numbers in a table.
 */
import { useState } from 'react';
import type { BacklogViewData } from '../api/response-schemas';
import type { Query } from '../api/use-query';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { DateTime } from '../ui/Time';
import { BacklogChart, PALETTE, type ChartSeries } from './BacklogChart';

type Group = 'region' | 'entity' | 'service';
const GROUPS: { value: Group; label: string }[] = [
  { value: 'region', label: 'By region' },
  { value: 'entity', label: 'By entity' },
  { value: 'service', label: 'By service' },
];

const num = (n: number | null) => (n === null ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: 1 }));
const hours = (h: number) => (h < 1 ? `${Math.max(1, Math.round(h * 60))} min` : `${h.toLocaleString(undefined, { maximumFractionDigits: 1 })} h`);

/** Grid values plus the value now (the grid's points fall on whole steps; now rarely does). */
function withNow(grid: readonly number[], values: readonly (number | null)[], now: number, current: number | null): { times: number[]; values: (number | null)[] } {
  const points = grid.map((t, i) => [t, values[i] ?? null] as const).filter(([t]) => t !== now);
  if (current !== null) points.push([now, current]);
  points.sort((a, b) => a[0] - b[0]);
  return { times: points.map(([t]) => t), values: points.map(([, v]) => v) };
}

function seriesOf(data: BacklogViewData, group: Group, unit: string): ChartSeries[] {
  const grid = data.grid.map((t) => Date.parse(t));
  const now = Date.parse(data.at);
  if (group === 'service') {
    return data.services.filter((s) => s.unit === unit && s.series).map((s) => ({ id: s.id, label: s.name, ...withNow(grid, s.series ?? [], now, s.backlog) }));
  }
  const rows = group === 'region' ? data.regions : data.entities;
  return rows.flatMap((r) => {
    const u = r.units.find((x) => x.unit === unit);
    return u ? [{ id: r.id, label: r.name, ...withNow(grid, u.series, now, u.backlog) }] : [];
  });
}

function WorkOff({ s }: { s: BacklogViewData['services'][number] }) {
  if (!s.workOff) return <span className="faint">—</span>;
  if (s.workOff.clearedAt) return <>{hours(s.workOff.hours)}, cleared <DateTime at={s.workOff.clearedAt} /></>;
  return <>{hours(s.workOff.hours)} {s.state === 'down' || s.state === 'degraded' ? <span className="faint">if restored now</span> : null}</>;
}

function ServiceTable({ data }: { data: BacklogViewData }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact backlog-table">
        <caption className="visually-hidden">Backlog per service</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Owner</th>
            <th scope="col">State</th>
            <th scope="col">Down since</th>
            <th scope="col">Restored</th>
            <th scope="col" className="num">Lost per hour</th>
            <th scope="col" className="num">Accrued</th>
            <th scope="col" className="num">Backlog now</th>
            <th scope="col">Time to work off</th>
          </tr>
        </thead>
        <tbody>
          {data.services.map((s) => (
            <tr key={s.id} data-service={s.id}>
              <th scope="row">{s.name}</th>
              <td>
                <span className="chip">{s.entity}</span> <span className="faint">{s.region}</span>
              </td>
              <td>
                <span className={`svc-status svc-${s.state}`}>{s.state === 'degraded' ? `degraded, ${Math.round(s.capacityNow * 100)}%` : s.state}</span>
              </td>
              <td className="small"><DateTime at={s.downSince} /></td>
              <td className="small">{s.restoredAt ? <DateTime at={s.restoredAt} /> : <span className="faint">not yet</span>}</td>
              <td className="num">{s.lostPerHour === null ? '—' : `${num(s.lostPerHour)} ${s.unit ?? ''}`}</td>
              <td className="num">{num(s.accrued)}</td>
              <td className="num">{s.backlog === null ? <span className="faint">no throughput declared</span> : `${num(s.backlog)} ${s.unit ?? ''}`}</td>
              <td className="small"><WorkOff s={s} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BacklogPanel({ backlog }: { backlog: Query<BacklogViewData> }) {
  const [group, setGroup] = useState<Group>('region');
  const [unitChoice, setUnit] = useState('');
  const data = backlog.data;
  if (!data) return backlog.error !== undefined ? <ErrorNotice error={backlog.error} action="The backlog could not be computed" onRetry={backlog.reload} /> : <Loading what="the backlog" />;
  if (data.services.length === 0) return <Empty>No service has been down or degraded in this incident: no backlog.</Empty>;
  // The unit with the largest pile first.
  const units = [...data.totals].sort((a, b) => b.backlog - a.backlog || b.lostPerHour - a.lostPerHour).map((t) => t.unit);
  const unit = units.includes(unitChoice) ? unitChoice : (units[0] ?? '');
  const series = unit ? seriesOf(data, group, unit) : [];
  const total = data.totals.find((t) => t.unit === unit);
  return (
    <div className="backlog">
      {backlog.error !== undefined && <ErrorNotice error={backlog.error} action="The latest backlog could not be computed" onRetry={backlog.reload} />}
      <div className="backlog-controls">
        <div className="segmented" role="group" aria-label="Group the chart">
          {GROUPS.map((g) => (
            <button key={g.value} type="button" className="btn btn-small" aria-pressed={group === g.value} onClick={() => setGroup(g.value)}>
              {g.label}
            </button>
          ))}
        </div>
        {units.length > 1 && (
          <select className="input backlog-unit" aria-label="Unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        )}
        {total && (
          <p className="backlog-total">
            <strong>{num(total.backlog)}</strong> {unit} waiting · {num(total.accrued)} accrued · {num(total.lostPerHour)} {unit}/h lost now
            {total.clearedAt ? <> · cleared by <DateTime at={total.clearedAt} /></> : null}
          </p>
        )}
      </div>
      {series.length > 0 ? (
        <figure className="backlog-figure">
          <BacklogChart grid={data.grid} series={series} now={data.at} unit={unit} />
          <figcaption>
            <ul className="chart-legend">
              {series.map((s, i) => (
                <li key={s.id}>
                  <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
                  {s.label}
                </li>
              ))}
              <li className="faint">dashed: projected work-off after restoration (surge {data.surge}×)</li>
            </ul>
          </figcaption>
        </figure>
      ) : (
        <p className="faint">No service with a declared throughput is affected: downtime only, no backlog to chart.</p>
      )}
      <ServiceTable data={data} />
      <details className="impact-assumptions">
        <summary>How the backlog is estimated</summary>
        <ul>
          {data.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

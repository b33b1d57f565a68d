/**
 * Alerts as a dense table, newest first: time, level, rule (an indicator hit is titled `IOC <type> <value>`, a
 * correlation is marked), host, ATT&CK techniques, the rule's author (an indicator's creator) and the incident. A row opens in place to show the rule and the matching event. Shared by the alerts view, the hunt
 * page and the incident's detections.
 */
import { Fragment, useState } from 'react';
import type { Alert } from '../api/detect-schemas';
import { Link } from '../app/router';
import { LevelBadge } from '../ui/Badge';
import { Stamp } from '../ui/Time';
import { AlertDetail } from './AlertDetail';

export interface AlertRow {
  alert: Alert;
  /** The incident the alert belongs to; absent for hunt results, which are not recorded. */
  incidentId?: string;
}

const ATTACK = 'https://attack.mitre.org/techniques/';

export function Techniques({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <span className="faint">—</span>;
  return (
    <span className="chips">
      {ids.map((id) => (
        <a key={id} className="chip" href={`${ATTACK}${id.replace('.', '/')}/`} target="_blank" rel="noreferrer">
          {id}
        </a>
      ))}
    </span>
  );
}

export function HostCell({ alert }: { alert: Alert }) {
  const host = alert.host ?? alert.hostReported;
  return (
    <span className="host-cell">
      {host ? <span className="mono">{host}</span> : <span className="faint">unknown host</span>}
      {alert.host === null && alert.hostReported && <span className="faint"> (not in the estate)</span>}
      {alert.entity && <span className="chip">{alert.entity}</span>}
    </span>
  );
}

interface RowProps {
  row: AlertRow;
  open: boolean;
  onToggle: () => void;
  showIncident: boolean;
}

function Row({ row, open, onToggle, showIncident }: RowProps) {
  const { alert, incidentId } = row;
  const detailId = `alert-${alert.id}`;
  return (
    <Fragment>
      <tr className={open ? 'open' : undefined} data-alert={alert.id} data-level={alert.rule.level}>
        <td className="nowrap">
          <Stamp at={alert.at} />
        </td>
        <td>
          <LevelBadge value={alert.rule.level} />
        </td>
        <td>
          <button
            type="button"
            className="link-button cell-title"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={onToggle}
          >
            <span className="disclosure" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {alert.rule.title}
          </button>
          {alert.correlation && <span className="chip">correlation</span>}
        </td>
        <td>
          <HostCell alert={alert} />
        </td>
        <td>
          <Techniques ids={alert.techniques} />
        </td>
        <td className="author">{alert.rule.author}</td>
        {showIncident && (
          <td className="mono">
            {incidentId ? <Link to={`/incidents/${incidentId}`}>{incidentId}</Link> : <span className="faint">—</span>}
          </td>
        )}
      </tr>
      {open && (
        <tr className="detail-row" id={detailId}>
          <td colSpan={showIncident ? 7 : 6}>
            <AlertDetail alert={alert} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function AlertTable({
  rows,
  label,
  showIncident,
}: {
  rows: readonly AlertRow[];
  label: string;
  showIncident: boolean;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <table className="table alert-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Level</th>
          <th scope="col">Rule</th>
          <th scope="col">Host</th>
          <th scope="col">ATT&amp;CK</th>
          <th scope="col">Rule author</th>
          {showIncident && <th scope="col">Incident</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row
            key={row.alert.id}
            row={row}
            open={open.has(row.alert.id)}
            onToggle={() => toggle(row.alert.id)}
            showIncident={showIncident}
          />
        ))}
      </tbody>
    </table>
  );
}

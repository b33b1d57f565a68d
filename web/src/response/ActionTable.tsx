/**
 * The actions of a plan, a page at a time (a region shutdown has thousands): target, operation, state, attempts,
 * last error and a line of evidence; failures stand out; a row opens to its history and whole evidence.
 */
import { Fragment, useState, type CSSProperties } from 'react';
import type { ActionRecordView } from '../api/response-schemas';
import { Empty } from '../ui/Status';
import { Ago, Stamp, useNow } from '../ui/Time';
import type { ActionState } from './action-overlay';
import { summariseEvidence } from './evidence';

export const PAGE = 50;

const STATE_LABEL: Record<ActionState, string> = {
  requested: 'requested',
  sent: 'sent',
  applied: 'applied',
  verified: 'verified',
  failed: 'failed',
  rolled_back: 'rolled back',
};

export function ActionStateBadge({ state }: { state: ActionState }) {
  const style = { '--c': `var(--act-${state})` } as CSSProperties;
  return (
    <span className={`badge${state === 'failed' ? ' badge-strong' : ''}`} style={style} data-value={state}>
      {STATE_LABEL[state]}
    </span>
  );
}

function Evidence({ record }: { record: ActionRecordView }) {
  const line = summariseEvidence(record.evidence);
  if (!line) return <span className="faint">—</span>;
  return (
    <span className={line.ok === false ? 'evidence-bad' : line.ok ? 'evidence-ok' : ''}>
      {line.text}
      {line.simulated && <span className="chip chip-sim" title="Reported by a simulated agent">sim</span>}
    </span>
  );
}

function Details({ record }: { record: ActionRecordView }) {
  return (
    <div className="action-details">
      {record.history && record.history.length > 0 && (
        <ol className="action-history">
          {record.history.map((h, i) => (
            <li key={i}>
              <Stamp at={h.at} /> <ActionStateBadge state={h.state} /> {h.detail && <span className="muted">{h.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      {record.nextAttemptAt && record.state !== 'failed' && (
        <p className="small muted">
          Next attempt <Stamp at={record.nextAttemptAt} />
        </p>
      )}
      {record.evidence ? <pre className="evidence-json">{JSON.stringify(record.evidence, null, 2)}</pre> : <p className="faint small">No evidence reported yet.</p>}
    </div>
  );
}

function Row({ record, now }: { record: ActionRecordView; now: number }) {
  const [open, setOpen] = useState(false);
  const failed = record.state === 'failed';
  return (
    <Fragment>
      <tr className={failed ? 'row-failed' : undefined} data-action={record.actionId} data-target={record.target.ref} data-state={record.state}>
        <td className="mono">
          <button type="button" className="btn-link" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`Details of ${record.actionId} (${record.target.ref})`}>
            {open ? '▾' : '▸'} {record.actionId}
          </button>
        </td>
        <td>
          <span className="mono">{record.target.ref}</span> <span className="chip">{record.target.entity}</span>
        </td>
        <td className="mono small">
          {record.connector}/{record.operation}
        </td>
        <td>
          <ActionStateBadge state={record.state} />
        </td>
        <td className="num">{record.attempts}</td>
        <td className="small action-error">{record.error ? `${record.error.code}: ${record.error.message}` : <span className="faint">—</span>}</td>
        <td className="small">
          <Evidence record={record} />
        </td>
        <td className="small faint">
          <Ago at={record.updatedAt} now={now} />
        </td>
      </tr>
      {open && (
        <tr className="action-details-row">
          <td colSpan={8}>
            <Details record={record} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function ActionTable({ records, label, page, onPage }: { records: readonly ActionRecordView[]; label: string; page: number; onPage: (page: number) => void }) {
  const now = useNow(5_000);
  if (records.length === 0) return <Empty>No actions match.</Empty>;
  const pages = Math.max(1, Math.ceil(records.length / PAGE));
  const current = Math.min(page, pages);
  const shown = records.slice((current - 1) * PAGE, current * PAGE);
  return (
    <>
      <div className="table-scroll">
        <table className="table table-compact action-table">
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Operation</th>
              <th scope="col">State</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Evidence</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <Row key={`${r.actionId}/${r.direction}`} record={r} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label={`Pages of ${label}`}>
          <span className="muted" aria-live="polite">
            {((current - 1) * PAGE + 1).toLocaleString()}–{Math.min(records.length, current * PAGE).toLocaleString()} of {records.length.toLocaleString()}
          </span>
          <button type="button" className="btn btn-small" disabled={current <= 1} onClick={() => onPage(current - 1)}>
            Previous
          </button>
          <button type="button" className="btn btn-small" disabled={current >= pages} onClick={() => onPage(current + 1)}>
            Next
          </button>
        </nav>
      )}
    </>
  );
}

/** Notification clocks per entity: deadline, live time left, status, why, and a notice to draft for it. */
import { useState } from 'react';
import type { NoticeTemplateAnswer } from '../../../src/contracts/notices';
import type { ObligationsAnswer } from '../../../src/contracts/obligations';
import { useNow } from '../ui/Time';
import { Empty } from '../ui/Status';
import { Countdown, ObligationBadge } from './Countdown';
import { byEntity, liveStatus, timeLeft, wallTime, type Obligation } from './format';

export interface DraftRequest {
  template: string;
  entity: string;
  obligationId?: string | undefined;
}

const OPEN = new Set(['not_started', 'running', 'due_soon', 'overdue']);

function Row({
  o,
  now,
  template,
  onDraft,
}: {
  o: Obligation;
  now: number;
  template: NoticeTemplateAnswer | undefined;
  onDraft: ((r: DraftRequest) => void) | undefined;
}) {
  const status = liveStatus(o, now);
  return (
    <tr className="ob-row" data-rule={o.ruleId} data-entity={o.entity} data-status={status}>
      <td>
        <div className="cell-title">{o.title}</div>
        <div className="faint small">
          <span className="mono">{o.ruleId}</span> · to {o.recipient.name}
          {o.provisional && status !== 'filed' && (
            <span className="ob-provisional"> · provisional: awaiting a decision</span>
          )}
          {o.basis === 'guidance' && <span> · deadline from regulator guidance</span>}
        </div>
        <details className="ob-why">
          <summary>Why</summary>
          <ul>
            {o.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
            {o.filings.map((f) => (
              <li key={f.seq}>
                Filed {f.at} with {f.recipient}
                {f.reference ? ` (ref ${f.reference})` : ''} by {f.recordedBy}
              </li>
            ))}
          </ul>
          <p className="faint small">
            {o.rule.source.citation}; checked {o.rule.checked}
          </p>
        </details>
      </td>
      <td>
        <ObligationBadge status={status} />
      </td>
      <td className="mono small">{wallTime(o.deadlineLocal)}</td>
      <td>
        <Countdown obligation={o} now={now} />
      </td>
      <td>
        {template && onDraft && OPEN.has(status) && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onDraft({ template: template.id, entity: o.entity, obligationId: o.ruleId })}
          >
            Draft notice
          </button>
        )}
      </td>
    </tr>
  );
}

export function ClocksPanel({
  view,
  templates,
  onDraft,
}: {
  view: ObligationsAnswer;
  templates: readonly NoticeTemplateAnswer[];
  onDraft: ((request: DraftRequest) => void) | undefined;
}) {
  const now = useNow(1000);
  const [showAll, setShowAll] = useState(false);
  const groups = byEntity(view.obligations, showAll, now);
  const templateFor = (ruleId: string) => templates.find((t) => t.rules.includes(ruleId));
  return (
    <section className="panel ob-clocks" aria-labelledby="ob-clocks-title">
      <div className="panel-head">
        <h2 id="ob-clocks-title">
          Notification clocks<span className="count">{view.obligations.filter((o) => o.applicable).length}</span>
        </h2>
        <label className="checks-inline">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show rules that do
          not apply
        </label>
      </div>
      {view.alerts.length > 0 && (
        <ul className="ob-alerts" aria-label="Obligation alerts">
          {view.alerts.map((a) => {
            const left = Date.parse(a.deadline) - now;
            return (
              <li key={`${a.entity}:${a.ruleId}`} data-level={left < 0 ? 'overdue' : a.level}>
                <strong>{a.entity}</strong>: <span className="mono">{a.ruleId}</span>{' '}
                {left < 0 ? `overdue by ${timeLeft(left)}` : `due in ${timeLeft(left)}`} (deadline{' '}
                {wallTime(a.deadlineLocal)}){a.provisional ? '; provisional: awaiting a decision' : ''}
              </li>
            );
          })}
        </ul>
      )}
      <div className="panel-body flush">
        {groups.length === 0 ? (
          <Empty>No obligations for the entities you may see.</Empty>
        ) : (
          groups.map(([entity, list]) => (
            <div key={entity} className="ob-entity" data-entity={entity}>
              <h3 className="ob-entity-title">{entity}</h3>
              <table className="table ob-table">
                <thead>
                  <tr>
                    <th>Obligation</th>
                    <th>Status</th>
                    <th>Deadline (local)</th>
                    <th>Time left</th>
                    <th>
                      <span className="visually-hidden">Notice</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((o) => (
                    <Row key={o.ruleId} o={o} now={now} template={templateFor(o.ruleId)} onDraft={onDraft} />
                  ))}
                </tbody>
              </table>
            </div>
          ))
        )}
      </div>
    </section>
  );
}

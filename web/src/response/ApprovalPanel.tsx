/**
 * The approvals a plan needs under the policy: each requirement, who fills it, what is missing and why, when
 * approvals lapse; approvals that do not count and why; a rejection; a break-glass, shown loudly.
 */
import type { PlanSummaryView, RequirementView } from '../api/response-schemas';
import { Ago, DateTime, useNow } from '../ui/Time';

function Requirement({ req, requester, now }: { req: RequirementView; requester: string; now: number }) {
  const pendingRequester = req.by !== null && !req.satisfied;
  const state = req.satisfied ? 'ok' : pendingRequester ? 'partial' : 'missing';
  return (
    <tr data-requirement={req.name} data-state={state}>
      <th scope="row">
        <span className="mono">{req.name}</span>
      </th>
      <td>{req.needs}</td>
      <td>
        <span className={`req-state req-${state}`}>
          {req.satisfied ? '✓ approved' : pendingRequester ? '◐ not counted yet' : '✗ missing'}
        </span>
      </td>
      <td>
        {req.by ? (
          <>
            <strong>{req.by}</strong>
            {req.by === requester && <span className="faint"> (requester)</span>}
            {req.approvedAt && (
              <span className="faint">
                {' '}
                <Ago at={req.approvedAt} now={now} />
              </span>
            )}
          </>
        ) : (
          <span className="faint">nobody yet</span>
        )}
        {req.why && <div className="req-why">{req.why}</div>}
      </td>
      <td className="small">{req.expiresAt ? <DateTime at={req.expiresAt} /> : <span className="faint">—</span>}</td>
    </tr>
  );
}

export function BreakGlassBanner({ plan }: { plan: PlanSummaryView }) {
  const now = useNow();
  if (plan.breakGlass.length === 0) return null;
  return (
    <div className="break-glass-banner" role="alert">
      <strong>BREAK-GLASS</strong>
      {plan.breakGlass.map((b) => (
        <p key={`${b.by}-${b.at}`}>
          Run without approvals by <strong>{b.by}</strong>, <Ago at={b.at} now={now} />: “{b.reason}”
        </p>
      ))}
    </div>
  );
}

export function ApprovalPanel({ plan }: { plan: PlanSummaryView }) {
  const now = useNow();
  const evaluation = plan.evaluation;
  if (!evaluation) return <p className="faint">No approval policy evaluation for this plan.</p>;
  const waiting = plan.status === 'awaiting_approval';
  return (
    <section className="approvals" aria-label={`Approvals of ${plan.planId}`}>
      <div className="approvals-head">
        <h4>Approvals</h4>
        <span className={`approval-summary approval-${evaluation.outcome}`}>{evaluation.summary}</span>
        {evaluation.rule && <span className="faint small">policy rule <span className="mono">{evaluation.rule}</span></span>}
      </div>
      {evaluation.requirements.length > 0 && (
        <table className="table table-compact requirements">
          <caption className="visually-hidden">Approval requirements of {plan.planId}</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Who may fill it</th>
              <th scope="col">Status</th>
              <th scope="col">Filled by</th>
              <th scope="col">Approval expires</th>
            </tr>
          </thead>
          <tbody>
            {evaluation.requirements.map((req) => (
              <Requirement key={req.name} req={req} requester={plan.requestedBy} now={now} />
            ))}
          </tbody>
        </table>
      )}
      {evaluation.ignored.length > 0 && (
        <ul className="ignored">
          {evaluation.ignored.map((i) => (
            <li key={`${i.by}-${i.at}`}>
              <strong>{i.by}</strong>’s approval does not count: {i.reason}
            </li>
          ))}
        </ul>
      )}
      {plan.rejections.map((r) => (
        <p key={`${r.by}-${r.at}`} className="rejection">
          Rejected by <strong>{r.by}</strong> <Ago at={r.at} now={now} />: “{r.reason}”
        </p>
      ))}
      {waiting && plan.expiresAt && (
        <p className="faint small">
          Expires <DateTime at={plan.expiresAt} /> unless approved
          {evaluation.expiresAt && (
            <>
              ; the first approval lapses <DateTime at={evaluation.expiresAt} />
            </>
          )}
          .
        </p>
      )}
    </section>
  );
}

/**
 * One containment plan: what it is and why, its status, its impact, the approvals it needs and the decisions
 * offered, and, once it runs, its actions moving through their states live.
 */
import { useMemo, useState, type CSSProperties } from 'react';
import { fetchPlan } from '../api/response-endpoints';
import type { PlanSummaryView, PolicyView } from '../api/response-schemas';
import { useQuery } from '../api/use-query';
import { EntityChips } from '../ui/Badge';
import { ErrorNotice, Loading } from '../ui/Status';
import { Ago, useNow } from '../ui/Time';
import { liveRecords, type Overlay } from './action-overlay';
import { ApprovalPanel, BreakGlassBanner } from './ApprovalPanel';
import { ExecutionPanel, PlannedActions } from './ExecutionPanel';
import { ImpactPreview } from './ImpactPreview';
import { PlanDecisions } from './PlanDecisions';
import type { ResponseRights } from './rights';

export const ACTIVE_STATUSES = new Set(['awaiting_approval', 'approved', 'running', 'rolling_back']);

const STATUS_LABEL: Record<PlanSummaryView['status'], string> = {
  awaiting_approval: 'awaiting approval',
  approved: 'approved',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  expired: 'expired',
  rolling_back: 'rolling back',
  rolled_back: 'rolled back',
  rollback_failed: 'rollback failed',
};

export function PlanStatusBadge({ status }: { status: PlanSummaryView['status'] }) {
  return (
    <span className="badge plan-status" data-value={status} style={{ '--c': `var(--plan-${status})` } as CSSProperties}>
      {STATUS_LABEL[status]}
    </span>
  );
}

interface Props {
  incidentId: string;
  plan: PlanSummaryView;
  rights: ResponseRights;
  policy: PolicyView | undefined;
  overlay: Overlay;
  overlayVersion: number;
  tick: string;
  onDecided: () => void;
}

function Detail({ incidentId, plan, overlay, overlayVersion, tick }: Omit<Props, 'rights' | 'policy' | 'onDecided'>) {
  const detail = useQuery(`plan:${incidentId}:${plan.planId}:${tick}:${plan.status}`, (signal) => fetchPlan(incidentId, plan.planId, signal), { keepPrevious: true });
  const base = detail.data?.planId === plan.planId ? detail.data : undefined;
  const records = useMemo(
    () => (plan.started ? liveRecords(plan.executorPlanId, base?.execution?.records ?? [], overlay) : []),
    // The overlay is mutated in place: its version says when it changed.
    [base, overlayVersion, plan.started, plan.executorPlanId],
  );
  if (!base) return detail.error !== undefined ? <ErrorNotice error={detail.error} action="The plan's actions could not be loaded" onRetry={detail.reload} /> : <Loading what={`the actions of ${plan.planId}`} />;
  if (!plan.started) return <PlannedActions actions={base.actions} />;
  return (
    <>
      {detail.error !== undefined && <ErrorNotice error={detail.error} action="The latest action records could not be loaded" onRetry={detail.reload} />}
      <ExecutionPanel planId={plan.planId} records={records} />
    </>
  );
}

export function PlanCard(props: Props) {
  const { incidentId, plan, rights, policy, onDecided } = props;
  const now = useNow();
  const [expanded, setExpanded] = useState(ACTIVE_STATUSES.has(plan.status));
  const glass = plan.breakGlass.length > 0;
  return (
    <article className={`plan-card${glass ? ' plan-glass' : ''}`} data-plan={plan.planId} data-status={plan.status} aria-labelledby={`plan-${plan.planId}`}>
      <header className="plan-head">
        <button type="button" className="btn-link plan-toggle" aria-expanded={expanded} aria-controls={`plan-body-${plan.planId}`} onClick={() => setExpanded(!expanded)}>
          {expanded ? '▾' : '▸'}
        </button>
        <span className="mono plan-id">{plan.planId}</span>
        <h3 id={`plan-${plan.planId}`} className="plan-title">
          {plan.title}
        </h3>
        <PlanStatusBadge status={plan.status} />
        <span className="chip">{plan.kind.replace(/_/g, ' ')}</span>
      </header>
      <p className="plan-meta muted small">
        Asked by <strong>{plan.requestedBy}</strong> <Ago at={plan.requestedAt} now={now} /> · {plan.actionCount.toLocaleString()} actions · <EntityChips entities={plan.entities} />
        {plan.started && (
          <>
            {' '}
            · started by <strong>{plan.started.by}</strong> {plan.started.via === 'break_glass' ? '(break-glass)' : ''} <Ago at={plan.started.at} now={now} />
          </>
        )}
        {plan.cancelled && <> · cancelled by {plan.cancelled.by}{plan.cancelled.reason ? `: ${plan.cancelled.reason}` : ''}</>}
      </p>
      <BreakGlassBanner plan={plan} />
      {expanded && (
        <div className="plan-body" id={`plan-body-${plan.planId}`}>
          <p className="plan-rationale">{plan.rationale}</p>
          {plan.outsideIncident.length > 0 && (
            <p className="small warn-text">
              Not yet named by the incident: {plan.outsideIncident.join(', ')}. Their people cannot see the incident (nor approve) until it is added to its scope.
            </p>
          )}
          <ImpactPreview impact={plan.impact} />
          <ApprovalPanel plan={plan} />
          <PlanDecisions incidentId={incidentId} plan={plan} rights={rights} policy={policy} onDecided={onDecided} />
          {plan.rollbacks.map((r) => (
            <p key={r.at} className="small muted">
              Rollback asked by <strong>{r.by}</strong> <Ago at={r.at} now={now} />
              {r.reason ? `: ${r.reason}` : ''}
              {r.actionIds ? ` (${r.actionIds.length} actions)` : ''}
            </p>
          ))}
          <Detail {...props} />
        </div>
      )}
    </article>
  );
}

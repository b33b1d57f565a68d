/**
 * Containment: the incident's plans (approvals, decisions, actions live) beside what the planner suggests and a
 * form to ask for a specific plan. See web/README.md, "Containment and recovery".
 */
import { useState } from 'react';
import type { PlanSummaryView } from '../api/response-schemas';
import { Empty, ErrorNotice, LiveIndicator, Loading } from '../ui/Status';
import { ACTIVE_STATUSES, PlanCard } from './PlanCard';
import { PlanRequestForm } from './PlanRequestForm';
import { ResponseFrame } from './ResponseFrame';
import { useResponseRights } from './rights';
import { SuggestionList } from './SuggestionList';
import { useContainment, type ContainmentModel } from './use-containment';

/** Active plans first (they need people), newest first within each group. */
function ordered(plans: readonly PlanSummaryView[]): PlanSummaryView[] {
  const rank = (p: PlanSummaryView) => (ACTIVE_STATUSES.has(p.status) ? 0 : 1);
  return [...plans].sort((a, b) => rank(a) - rank(b) || (a.planId < b.planId ? 1 : -1));
}

function tally(plans: readonly PlanSummaryView[]): string {
  const waiting = plans.filter((p) => p.status === 'awaiting_approval' || p.status === 'approved').length;
  const running = plans.filter((p) => p.status === 'running' || p.status === 'rolling_back').length;
  return [`${plans.length} plan${plans.length === 1 ? '' : 's'}`, waiting ? `${waiting} awaiting approval` : '', running ? `${running} running` : ''].filter(Boolean).join(' · ');
}

function Plans({ id, model }: { id: string; model: ContainmentModel }) {
  const rights = useResponseRights();
  const { plans } = model;
  if (plans.data === undefined) return plans.error !== undefined ? <ErrorNotice error={plans.error} action="Plans could not be loaded" onRetry={plans.reload} /> : <Loading what="plans" />;
  if (plans.data.items.length === 0) return <Empty>No plans yet. Propose one of the suggestions, or ask for a plan.</Empty>;
  return (
    <div className="plan-list">
      {plans.error !== undefined && <ErrorNotice error={plans.error} action="The latest plans could not be loaded" onRetry={plans.reload} />}
      {ordered(plans.data.items).map((plan) => (
        <PlanCard
          key={plan.planId}
          incidentId={id}
          plan={plan}
          rights={rights}
          policy={model.policy.data}
          overlay={model.overlay}
          overlayVersion={model.overlayVersion}
          tick={model.tickOf(plan.planId)}
          onDecided={plans.reload}
        />
      ))}
    </div>
  );
}

function Containment({ id }: { id: string }) {
  const model = useContainment(id);
  const rights = useResponseRights();
  const [asking, setAsking] = useState(false);
  const proposed = () => {
    model.plans.reload();
    model.suggestions.reload();
  };
  const items = model.plans.data?.items ?? [];
  return (
    <div className="response-stack">
      <section className="panel" aria-labelledby="plans-title">
        <div className="panel-head">
          <h2 id="plans-title">
            Containment plans<span className="count">{tally(items)}</span>
          </h2>
          <div className="header-spacer" />
          {model.polling && <span className="faint small">stream down: checking every 1.5 s</span>}
          <LiveIndicator status={model.feed.status} onRestart={model.feed.restart} />
        </div>
        <div className="panel-body">
          <Plans id={id} model={model} />
        </div>
      </section>
      <section className="panel" aria-labelledby="suggestions-title">
        <div className="panel-head">
          <h2 id="suggestions-title">
            Suggested plans<span className="count">their impact, before anything runs</span>
          </h2>
          {rights.propose && (
            <button type="button" className="btn btn-small" aria-expanded={asking} onClick={() => setAsking(!asking)}>
              {asking ? 'Close' : 'Ask for a specific plan'}
            </button>
          )}
        </div>
        <div className="panel-body">
          {asking && <PlanRequestForm incidentId={id} onProposed={proposed} />}
          <SuggestionList incidentId={id} suggestions={model.suggestions} plans={items} canPropose={rights.propose} onProposed={proposed} />
        </div>
      </section>
    </div>
  );
}

export function ContainmentPage({ id }: { id: string }) {
  return (
    <ResponseFrame id={id} section="containment">
      <Containment id={id} />
    </ResponseFrame>
  );
}

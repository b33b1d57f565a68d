/**
 * Recovery: scope confirmation per region (sweeps, declaring out of scope), recovery plans with their gated steps,
 * and the business backlog. See web/README.md, "Containment and recovery".
 */
import type { PlanSummaryView, RegionClearanceView } from '../api/response-schemas';
import { Empty, ErrorNotice, LiveIndicator, Loading } from '../ui/Status';
import { BacklogPanel } from './BacklogPanel';
import { PlanRecoveryForm } from './PlanRecoveryForm';
import { RecoveryPlanCard } from './RecoveryPlanCard';
import { RegionCard } from './RegionCard';
import { ResponseFrame } from './ResponseFrame';
import { useResponseRights } from './rights';
import { useRecovery, type RecoveryModel } from './use-recovery';

const ENDED = new Set(['rejected', 'cancelled', 'expired']);

/** The region's sweeps that count (not rejected, cancelled or expired), newest first, three at most. */
function sweepsOf(plans: readonly PlanSummaryView[], region: RegionClearanceView): PlanSummaryView[] {
  const mine = (p: PlanSummaryView) => p.regions.includes(region.region) || p.entities.some((e) => region.entities.some((x) => x.entity === e));
  return plans.filter((p) => p.kind === 'sweep' && !ENDED.has(p.status) && mine(p)).reverse().slice(0, 3);
}

function ScopeConfirmation({ id, model }: { id: string; model: RecoveryModel }) {
  const rights = useResponseRights();
  const { clearance, plans } = model;
  if (!clearance.data) return clearance.error !== undefined ? <ErrorNotice error={clearance.error} action="Clearance could not be loaded" onRetry={clearance.reload} /> : <Loading what="clearance per region" />;
  const { regions, declared, scoped } = clearance.data;
  if (regions.length === 0) return <Empty>No region of the estate is visible to you.</Empty>;
  const changed = () => {
    clearance.reload();
    plans.reload();
  };
  return (
    <>
      {scoped && <p className="faint small">Counts cover only your entities.</p>}
      <div className="region-grid">
        {regions.map((r) => (
          <RegionCard
            key={r.region}
            incidentId={id}
            region={r}
            declared={[...declared].reverse().find((d) => d.region === r.region && d.entities.length === r.entities.length)}
            sweeps={sweepsOf(plans.data?.items ?? [], r)}
            rights={rights}
            onChanged={changed}
          />
        ))}
      </div>
    </>
  );
}

function RecoveryPlans({ id, model }: { id: string; model: RecoveryModel }) {
  const rights = useResponseRights();
  const { recoveries, clearance } = model;
  return (
    <>
      {rights.write && <PlanRecoveryForm incidentId={id} regions={clearance.data?.regions ?? []} onPlanned={recoveries.reload} />}
      {recoveries.data === undefined ? (
        recoveries.error !== undefined ? <ErrorNotice error={recoveries.error} action="Recovery plans could not be loaded" onRetry={recoveries.reload} /> : <Loading what="recovery plans" />
      ) : recoveries.data.items.length === 0 ? (
        <Empty>No recovery plan yet. Plan one per region or entity once its hosts are swept clean.</Empty>
      ) : (
        <div className="recovery-list">
          {[...recoveries.data.items].reverse().map((view) => (
            <RecoveryPlanCard key={view.plan.recoveryId} incidentId={id} view={view} canWrite={rights.write} overlay={model.overlay} onChanged={recoveries.reload} />
          ))}
        </div>
      )}
    </>
  );
}

function Recovery({ id }: { id: string }) {
  const model = useRecovery(id);
  return (
    <div className="response-stack">
      <section className="panel" aria-labelledby="clearance-title">
        <div className="panel-head">
          <h2 id="clearance-title">Scope confirmation per region</h2>
          <LiveIndicator status={model.feed.status} onRestart={model.feed.restart} />
        </div>
        <div className="panel-body">
          <ScopeConfirmation id={id} model={model} />
        </div>
      </section>
      <section className="panel" aria-labelledby="recovery-title">
        <div className="panel-head">
          <h2 id="recovery-title">Recovery plans</h2>
          <span className="faint small">steps run only when their gates pass</span>
        </div>
        <div className="panel-body">
          <RecoveryPlans id={id} model={model} />
        </div>
      </section>
      <section className="panel" aria-labelledby="backlog-title">
        <div className="panel-head">
          <h2 id="backlog-title">Business backlog</h2>
          <span className="faint small">work piling up while services are down, and the time to work it off</span>
        </div>
        <div className="panel-body">
          <BacklogPanel backlog={model.backlog} />
        </div>
      </section>
    </div>
  );
}

export function RecoveryPage({ id }: { id: string }) {
  return (
    <ResponseFrame id={id} section="recovery">
      <Recovery id={id} />
    </ResponseFrame>
  );
}

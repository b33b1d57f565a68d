/**
 * A recovery plan for a region or an entity: its steps in dependency order (network and identity first), each
 * with its gates and runs, the warnings (dependency cycles, containment still in place elsewhere) and how the
 * order was decided.
 */
import type { CSSProperties } from 'react';
import type { RecoveryPlanView } from '../api/response-schemas';
import { Ago, useNow } from '../ui/Time';
import type { Overlay } from './action-overlay';
import { RecoveryStep } from './RecoveryStep';

export function RecoveryPlanCard({ incidentId, view, canWrite, overlay, onChanged }: { incidentId: string; view: RecoveryPlanView; canWrite: boolean; overlay: Overlay; onChanged: () => void }) {
  const now = useNow();
  const { plan, progress } = view;
  const ctx = { incidentId, recoveryId: plan.recoveryId, canWrite, onChanged };
  const pct = progress.total === 0 ? 0 : Math.round((progress.completed / progress.total) * 100);
  return (
    <article className="recovery-card" data-recovery={plan.recoveryId} aria-labelledby={`recovery-${plan.recoveryId}`}>
      <header className="plan-head">
        <span className="mono plan-id">{plan.recoveryId}</span>
        <h3 id={`recovery-${plan.recoveryId}`} className="plan-title">
          {plan.title}
        </h3>
        <span className="badge" data-value={view.status} style={{ '--c': `var(--recovery-${view.status})` } as CSSProperties}>
          {view.status.replace('_', ' ')}
        </span>
      </header>
      <p className="small muted">
        Planned by {view.plannedBy.replace(/^user:/, '')} <Ago at={view.plannedAt} now={now} /> · {progress.completed} of {progress.total} steps done
        {plan.approver && <> · every step needs <strong>{plan.approver}</strong>’s sign-off</>}
      </p>
      <div className="progress" role="progressbar" aria-label={`Progress of ${plan.recoveryId}`} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.completed}>
        {progress.completed > 0 && <span className="progress-part" style={{ '--c': 'var(--ok)', flexGrow: progress.completed } as CSSProperties} />}
        {progress.total - progress.completed > 0 && <span className="progress-part" style={{ '--c': 'var(--surface-3)', flexGrow: progress.total - progress.completed } as CSSProperties} />}
        <span className="visually-hidden">{pct}%</span>
      </div>
      {(plan.warnings.length > 0 || plan.cycles.length > 0) && (
        <ul className="recovery-warnings">
          {plan.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
          {plan.cycles.map((c) => (
            <li key={c.join()}>Restored together (they depend on each other): {c.join(', ')}</li>
          ))}
        </ul>
      )}
      <ol className="steps">
        {view.steps.map((step) => (
          <RecoveryStep key={step.n} ctx={ctx} step={step} runnable={view.runnable.includes(step.n)} overlay={overlay} />
        ))}
      </ol>
      {plan.assumptions.length > 0 && (
        <details className="impact-assumptions">
          <summary>How the order is decided</summary>
          <ul>
            {plan.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

/**
 * What people decide about a plan: approve (with a comment), reject (with a reason), break the glass
 * (commanders; a reason of the policy's length, said loudly), cancel, roll back. Each opens a short form in
 * place; the server's answer, including its refusal ("the requester cannot approve alone"), shows as it is.
 */
import { useState, type FormEvent } from 'react';
import { decidePlan, type PlanDecision } from '../api/response-endpoints';
import type { PlanSummaryView, PolicyView } from '../api/response-schemas';
import { useSubmit } from '../api/use-submit';
import { TextArea } from '../ui/Field';
import { Refusal } from './Refusal';
import type { ResponseRights } from './rights';

const PENDING = new Set(['awaiting_approval', 'approved']);
const RAN = new Set(['running', 'completed', 'failed', 'rolling_back', 'rollback_failed']);

interface FormSpec {
  button: string;
  field: 'comment' | 'reason';
  label: string;
  confirm: string;
  tone: 'primary' | 'danger';
  warning?: string;
}

function specOf(decision: PlanDecision, planId: string, minReason: number): FormSpec {
  switch (decision) {
    case 'approve':
      return { button: 'Approve', field: 'comment', label: 'Comment (optional)', confirm: `Approve ${planId}`, tone: 'primary' };
    case 'reject':
      return { button: 'Reject', field: 'reason', label: 'Reason for rejecting', confirm: `Reject ${planId}`, tone: 'danger' };
    case 'break-glass':
      return {
        button: 'Break glass',
        field: 'reason',
        label: `Why this cannot wait for approval (at least ${minReason} characters)`,
       
        confirm: `Break the glass and run ${planId} now`,
        tone: 'danger',
        warning: 'Break-glass runs this plan at once, without the approvals it needs. Your name and reason go into the incident log and stay on the plan for everyone to see.',
      };
    case 'cancel':
      return { button: 'Cancel plan', field: 'reason', label: 'Reason (optional)', confirm: `Withdraw ${planId}`, tone: 'danger' };
    case 'rollback':
      return {
        button: 'Roll back',
        field: 'reason',
        label: 'Reason (optional)',
       
        confirm: `Roll back every action of ${planId}`,
        tone: 'danger',
        warning: 'Rolling back undoes what the plan did (releases isolated hosts, restores cut links).',
      };
  }
}

/** Which decisions this person is offered now, by the plan's status and their permissions. */
function offered(plan: PlanSummaryView, rights: ResponseRights): PlanDecision[] {
  const out: PlanDecision[] = [];
  if (PENDING.has(plan.status)) {
    if (rights.approve) out.push('approve', 'reject');
    if (rights.breakGlass) out.push('break-glass');
  }
  const mine = plan.requestedBy === rights.me.username;
  if ((PENDING.has(plan.status) || plan.status === 'expired') && rights.propose && (mine || rights.command)) out.push('cancel');
  if (RAN.has(plan.status) && rights.rollback) out.push('rollback');
  return out;
}

export function PlanDecisions({ incidentId, plan, rights, policy, onDecided }: { incidentId: string; plan: PlanSummaryView; rights: ResponseRights; policy: PolicyView | undefined; onDecided: () => void }) {
  const [open, setOpen] = useState<PlanDecision | null>(null);
  const [text, setText] = useState('');
  const submit = useSubmit((decision: PlanDecision, body: { comment?: string; reason?: string }) => decidePlan(incidentId, plan.planId, decision, body));
  const decisions = offered(plan, rights);
  if (decisions.length === 0) return null;
  const minReason = policy?.policy.breakGlass.minReasonLength ?? 20;
  const spec = open ? specOf(open, plan.planId, minReason) : undefined;

  const choose = (decision: PlanDecision) => {
    submit.reset();
    setText('');
    setOpen(open === decision ? null : decision);
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!open || !spec) return;
    const value = text.trim();
    const ok = await submit.run(open, value ? { [spec.field]: value } : {});
    if (ok) {
      setOpen(null);
      setText('');
    }
    onDecided();
  };

  return (
    <div className="decisions">
      <div className="decision-buttons" role="group" aria-label={`Decide on ${plan.planId}`}>
        {decisions.map((d) => {
          const s = specOf(d, plan.planId, minReason);
          return (
            <button key={d} type="button" className={`btn btn-small ${d === 'approve' ? 'btn-primary' : d === 'break-glass' ? 'btn-danger btn-glass' : d === 'reject' || d === 'rollback' ? 'btn-danger' : ''}`} aria-expanded={open === d} onClick={() => choose(d)}>
              {s.button}
            </button>
          );
        })}
        {plan.requestedBy === rights.me.username && PENDING.has(plan.status) && (
          <span className="faint small">You asked for this plan: your approval counts only once someone else approves.</span>
        )}
      </div>
      {open && spec && (
        <form className={`decision-form decision-${open}`} aria-label={spec.confirm} onSubmit={(e) => void send(e)}>
          {spec.warning && <p className={open === 'break-glass' ? 'glass-warning' : 'muted small'}>{spec.warning}</p>}
          <TextArea label={spec.label} value={text} rows={2} onChange={(e) => setText(e.target.value)} error={submit.fields[spec.field]} />
          <div className="form-actions">
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(null)}>
              Close
            </button>
            <button type="submit" className={`btn btn-small ${spec.tone === 'primary' ? 'btn-primary' : 'btn-danger'}`} disabled={submit.pending}>
              {submit.pending ? 'Sending…' : spec.confirm}
            </button>
          </div>
        </form>
      )}
      {submit.error !== undefined && submit.unexplained([spec?.field ?? '']) && <Refusal error={submit.error} onDismiss={submit.reset} />}
    </div>
  );
}

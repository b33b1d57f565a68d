/**
 * One step of a recovery plan: what it restores (services, hosts), what it waits for (steps, gates), its runs
 * and their actions live. Gates people attest are recorded here with evidence; "Run step" is offered only when
 * the server lists the step as runnable, and says why not otherwise.
 */
import { useState, type CSSProperties, type FormEvent } from 'react';
import type { RecordGateInput } from '../../../src/contracts/recovery';
import { recordGate, runRecoveryStep } from '../api/response-endpoints';
import type { GateStatusView, StepView } from '../api/response-schemas';
import { useSubmit } from '../api/use-submit';
import { TextArea } from '../ui/Field';
import { count } from '../ui/text';
import { Ago, useNow } from '../ui/Time';
import { countStates, liveRecords, type Overlay } from './action-overlay';
import { Refusal } from './Refusal';

const GATE_LABEL: Record<GateStatusView['gate'], string> = {
  clean_sweep: 'Clean sweep',
  credentials_reset: 'Credentials reset',
  backup_verified: 'Backup verified',
  approval: 'Sign-off',
};

/** The server's reason for not running a step, in the same words (recovery.service `whyNot`). */
export function whyNotRunnable(step: StepView): string {
  if (step.status === 'running') return 'it is running';
  if (step.status === 'completed') return 'it is completed';
  if (step.waitingFor.length > 0) return `waiting for step${step.waitingFor.length === 1 ? '' : 's'} ${step.waitingFor.join(', ')}`;
  const open = step.gateStatus.filter((g) => !g.passed);
  return open.length > 0 ? `gates not passed: ${open.map((g) => GATE_LABEL[g.gate].toLowerCase()).join(', ')}` : 'not runnable now';
}

interface Ctx {
  incidentId: string;
  recoveryId: string;
  canWrite: boolean;
  onChanged: () => void;
}

function GateForm({ ctx, step, gate, onClose }: { ctx: Ctx; step: number; gate: GateStatusView; onClose: () => void }) {
  const [evidence, setEvidence] = useState('');
  const submit = useSubmit(() => recordGate(ctx.incidentId, ctx.recoveryId, { step, gate: gate.gate as RecordGateInput['gate'], evidence, ...(gate.subject && gate.gate !== 'approval' ? { subject: gate.subject } : {}) }));
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run()) {
      ctx.onChanged();
      onClose();
    }
  };
  const placeholder = gate.gate === 'approval' ? 'I have reviewed the sweep results and the restore order: go ahead.' : gate.gate === 'backup_verified' ? 'Restored last night’s backup to the test instance and checked row counts.' : 'Reset every privileged account and krbtgt twice; ticket CHG-1234.';
  return (
    <form className="form-grid inline-form" aria-label={`Record ${GATE_LABEL[gate.gate]} for step ${step}`} onSubmit={(e) => void send(e)}>
      <TextArea label="Evidence" rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} placeholder={placeholder} error={submit.fields['evidence']} />
      <div className="form-actions">
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          Close
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={submit.pending}>
          {submit.pending ? 'Recording…' : `Record ${GATE_LABEL[gate.gate].toLowerCase()}`}
        </button>
      </div>
      {submit.error !== undefined && submit.unexplained(['evidence']) && <Refusal error={submit.error} onDismiss={submit.reset} />}
    </form>
  );
}

function Gate({ ctx, step, gate, now }: { ctx: Ctx; step: StepView; gate: GateStatusView; now: number }) {
  const [open, setOpen] = useState(false);
  const recordable = gate.gate !== 'clean_sweep' && !gate.passed && step.status !== 'completed' && ctx.canWrite;
  return (
    <li className="gate" data-gate={gate.gate} data-passed={gate.passed}>
      <span className={`gate-mark ${gate.passed ? 'gate-ok' : 'gate-open'}`} aria-hidden="true">
        {gate.passed ? '✓' : '○'}
      </span>
      <div className="gate-text">
        <strong>{GATE_LABEL[gate.gate]}</strong>
        {gate.subject && <span className="chip">{gate.subject}</span>} <span className="muted small">{gate.description}</span>
        {!(gate.passed && gate.record) && <div className={`small ${gate.passed ? 'muted' : 'warn-text'}`}>{gate.passed ? 'passed' : 'not passed'}: {gate.detail}</div>}
        {gate.record && (
          <div className="small muted">
            recorded by <strong>{gate.record.by}</strong> <Ago at={gate.record.at} now={now} />: “{gate.record.evidence}”
          </div>
        )}
        {open && <GateForm ctx={ctx} step={step.n} gate={gate} onClose={() => setOpen(false)} />}
      </div>
      {recordable && !open && (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)} aria-label={`Record ${GATE_LABEL[gate.gate]} for step ${step.n}`}>
          Record
        </button>
      )}
    </li>
  );
}

function RunProgress({ planId, overlay }: { planId: string; overlay: Overlay }) {
  const records = liveRecords(planId, [], overlay);
  if (records.length === 0) return null;
  const c = countStates(records);
  return (
    <span className="faint small">
      {' '}
      · {c.verified} verified, {c.applied} applied, {c.failed} failed of {records.length}
    </span>
  );
}

export function RecoveryStep({ ctx, step, runnable, overlay }: { ctx: Ctx; step: StepView; runnable: boolean; overlay: Overlay }) {
  const now = useNow();
  const run = useSubmit(() => runRecoveryStep(ctx.incidentId, ctx.recoveryId, step.n));
  const start = async () => {
    await run.run();
    ctx.onChanged();
  };
  return (
    <li className="step" data-step={step.n} data-status={step.status}>
      <div className="step-head">
        <span className="step-n" aria-hidden="true">{step.n}</span>
        <h4>
          <span className="visually-hidden">Step {step.n}: </span>
          {step.title}
        </h4>
        <span className="chip">{step.tier}</span>
        <span className="badge step-status" data-value={step.status} style={{ '--c': `var(--step-${step.status})` } as CSSProperties}>
          {step.status.replace('_', ' ')}
        </span>
      </div>
      <p className="small muted">
        {step.services.length > 0 ? `Restores ${step.services.join(', ')}` : 'No business service'}
        {step.hosts.length > 0 && ` · ${count(step.hosts.length, 'host')} (${step.hosts.slice(0, 4).join(', ')}${step.hosts.length > 4 ? ', …' : ''})`} · {count(step.actions.length, 'action')}
        {step.dependsOn.length > 0 && ` · after step${step.dependsOn.length === 1 ? '' : 's'} ${step.dependsOn.join(', ')}`}
        {step.externalDependencies.length > 0 && ` · also needs ${step.externalDependencies.join(', ')} (restored elsewhere)`}
      </p>
      <ul className="gates">
        {step.gateStatus.map((g) => (
          <Gate key={`${g.gate}/${g.subject ?? ''}`} ctx={ctx} step={step} gate={g} now={now} />
        ))}
      </ul>
      {step.runs.map((r) => (
        <p key={r.planId} className="small step-run">
          Run <span className="mono">{r.planId}</span> by {r.by} <Ago at={r.at} now={now} />: <strong>{r.outcome}</strong>
          {r.failedTotal ? ` (${r.failedTotal} failed)` : ''}
          {r.outcome === 'running' && <RunProgress planId={r.planId} overlay={overlay} />}
        </p>
      ))}
      {ctx.canWrite && step.status !== 'completed' && (
        <div className="step-actions">
          <button type="button" className="btn btn-small btn-primary" disabled={!runnable || run.pending} onClick={() => void start()}>
            {run.pending ? 'Starting…' : step.status === 'failed' ? `Run step ${step.n} again` : `Run step ${step.n}`}
          </button>
          {!runnable && <span className="faint small">Cannot run: {whyNotRunnable(step)}</span>}
        </div>
      )}
      <Refusal error={run.error} onDismiss={run.reset} />
    </li>
  );
}

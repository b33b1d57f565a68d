/**
 * The lifecycle moves allowed from the current state (the domain's own `allowedTransitions`), as buttons; each
 * asks for a reason before it is recorded. Only commanders may move an incident: others see the moves disabled.
 */
import { useState, type CSSProperties, type FormEvent } from 'react';
import { allowedTransitions, isIncidentState, type IncidentState } from '../../../src/incident/lifecycle';
import type { AppendInput } from '../../../src/incident/input.schema';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { label } from '../ui/Badge';
import { TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';

const ORDER: readonly string[] = ['detect', 'analyse', 'contain', 'eradicate', 'recover', 'lessons_learned', 'closed'];

function verb(from: string, to: IncidentState): string {
  if (to === 'closed') return 'Close';
  if (from === 'closed') return `Reopen → ${label(to)}`;
  return ORDER.indexOf(to) < ORDER.indexOf(from) ? `Back to ${label(to)}` : `Move to ${label(to)}`;
}

export function LifecycleBar({ state, append }: { state: string; append: (entry: AppendInput) => Promise<void> }) {
  const { can, me } = useSession();
  const [target, setTarget] = useState<IncidentState | null>(null);
  const [reason, setReason] = useState('');
  const submit = useSubmit(async (to: IncidentState) => {
    await append({ type: 'state.changed', payload: { to, ...(reason.trim() ? { reason } : {}) } });
    setTarget(null);
    setReason('');
  });
  if (!isIncidentState(state)) return null;
  const allowed = allowedTransitions(state);
  const mayCommand = can('incident:command');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (target) void submit.run(target);
  };

  return (
    <div className="lifecycle" role="group" aria-label="Lifecycle">
      <span className="field-label">Next steps</span>
      <div className="lifecycle-buttons">
        {allowed.map((to) => (
          <button
            key={to}
            type="button"
            className="btn btn-state"
            style={{ '--c': `var(--st-${to})` } as CSSProperties}
            disabled={!mayCommand || submit.pending}
            aria-pressed={target === to}
            onClick={() => {
              submit.reset();
              setTarget(target === to ? null : to);
            }}
          >
            {verb(state, to)}
          </button>
        ))}
        {!mayCommand && (
          <span className="faint">Only a commander or admin may change the state (your role: {label(me.role)}).</span>
        )}
      </div>
      {target && (
        <form className="form-row lifecycle-confirm" onSubmit={onSubmit} aria-label={`Confirm: ${verb(state, target)}`}>
          <TextField
            label={`Reason for “${verb(state, target)}”`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. scope confirmed by EDR sweep"
            autoFocus
            error={submit.fields['reason']}
          />
          <button type="submit" className="btn btn-primary" disabled={submit.pending}>
            {submit.pending ? 'Recording…' : 'Confirm'}
          </button>
          <button type="button" className="btn" onClick={() => setTarget(null)}>
            Cancel
          </button>
        </form>
      )}
      {submit.unexplained(target ? ['reason'] : []) && (
        <ErrorNotice error={submit.error} action="The state was not changed" />
      )}
    </div>
  );
}

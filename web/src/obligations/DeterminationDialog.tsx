/**
 * Recording a determination: a named person (by default the user) confirms the proposal or overrides it with a
 * reason; it becomes a `breach.determined` event with the proposal and the reasoning.
 */
import { useState, type FormEvent } from 'react';
import { breachDeterminedSchema, BREACH_DECISIONS } from '../../../src/obligations/events.schema';
import { check } from '../api/client';
import { recordObligationEvent } from '../api/endpoints';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { Dialog } from '../ui/Dialog';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';
import { DECISION_WORDS, type Assessment } from './format';

export function DeterminationDialog({
  id,
  assessment: a,
  onClose,
  onRecorded,
}: {
  id: string;
  assessment: Assessment;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const { me } = useSession();
  const [by, setBy] = useState(me.displayName);
  const [decision, setDecision] = useState<Assessment['proposal']>(a.proposal);
  const [reason, setReason] = useState('');
  const [persons, setPersons] = useState('');
  const [tried, setTried] = useState(false);
  const override = decision !== a.proposal;
  const submit = useSubmit(async () => {
    const reasoning = [
      ...a.reasoning,
      ...(reason.trim() ? [`${override ? 'Override' : 'Note'} by ${by.trim()}: ${reason.trim()}`] : []),
    ];
    const payload = check(breachDeterminedSchema, {
      entity: a.entity,
      regime: a.regime,
      decision,
      reasoning,
      by,
      proposed: a.proposal,
      ...(persons.trim() ? { affectedPersons: Number(persons) } : {}),
    });
    await recordObligationEvent(id, { type: 'breach.determined', payload });
    onRecorded();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (override && !reason.trim()) return;
    void submit.run();
  };
  const reasonError =
    submit.fields['reasoning'] ??
    (tried && override && !reason.trim() ? 'Say why the decision differs from the proposal.' : undefined);
  return (
    <Dialog open title={`Determination: ${a.entity}, ${a.regimeName}`} onClose={onClose}>
      <form className="form-grid" onSubmit={onSubmit} aria-label="Record the determination" noValidate>
        <p className="muted">
          The assessment proposes <strong>{DECISION_WORDS[a.proposal]}</strong>. The person who decides is named below;
          you are recorded as who entered it.
        </p>
        <TextField
          label="Decided by (name and role)"
          value={by}
          onChange={(e) => setBy(e.target.value)}
          error={submit.fields['by']}
        />
        <SelectField
          label="Decision"
          value={decision}
          onChange={(e) => setDecision(e.target.value as Assessment['proposal'])}
          options={BREACH_DECISIONS.map((d) => ({
            value: d,
            label: `${DECISION_WORDS[d]}${d === a.proposal ? ' (proposed)' : ''}`,
          }))}
        />
        <TextArea
          label={override ? 'Reason for the override' : 'Note (optional)'}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          error={reasonError}
        />
        <TextField
          label="Persons affected, if counted (optional)"
          inputMode="numeric"
          value={persons}
          onChange={(e) => setPersons(e.target.value)}
          error={submit.fields['affectedPersons']}
        />
        {submit.unexplained(['by', 'affectedPersons', 'reasoning']) && (
          <ErrorNotice error={submit.error} action="Determination not recorded" />
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={submit.pending}>
            {override ? 'Record the override' : 'Confirm the proposal'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

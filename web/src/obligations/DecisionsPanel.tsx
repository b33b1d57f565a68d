/**
 * The decision log: executive decisions (ransom considered or refused, precautionary shutdown, disclosure) with
 * who decided, when, why and who approved; ransom decisions carry the OFAC sanctions-screening note.
 */
import { useState, type FormEvent } from 'react';
import type { ObligationsAnswer } from '../../../src/contracts/obligations';
import { OFAC_SANCTIONS_NOTE } from '../../../src/obligations/decision-log';
import { DECISION_KINDS, decisionRecordedSchema } from '../../../src/obligations/events.schema';
import { check } from '../api/client';
import { recordObligationEvent } from '../api/endpoints';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { Empty, ErrorNotice } from '../ui/Status';
import { formatDateTime } from '../ui/Time';

const KIND_WORDS: Record<(typeof DECISION_KINDS)[number], string> = {
  ransom: 'Ransom',
  shutdown: 'Precautionary shutdown',
  disclosure: 'Disclosure',
  other: 'Other',
};
const PLACEHOLDER: Record<string, string> = {
  ransom: 'Do not pay the ransom',
  shutdown: 'Take the EMEA network offline as a precaution',
  disclosure: 'Announce the incident on the website today',
  other: '',
};

function DecisionForm({
  id,
  entities,
  onRecorded,
}: {
  id: string;
  entities: readonly string[];
  onRecorded: () => void;
}) {
  const { me } = useSession();
  const [kind, setKind] = useState<(typeof DECISION_KINDS)[number]>('ransom');
  const [decision, setDecision] = useState('');
  const [rationale, setRationale] = useState('');
  const [approvers, setApprovers] = useState('');
  const [chosen, setChosen] = useState<string[]>(me.entities === '*' ? [] : entities.slice(0, 1));
  const submit = useSubmit(async () => {
    const payload = check(decisionRecordedSchema, {
      kind,
      decision,
      rationale,
      approvers: approvers
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      notes: kind === 'ransom' ? [{ topic: 'sanctions', text: OFAC_SANCTIONS_NOTE }] : [],
      entities: chosen,
    });
    await recordObligationEvent(id, { type: 'decision.recorded', payload });
    setDecision('');
    setRationale('');
    onRecorded();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  const toggle = (entity: string) =>
    setChosen((list) => (list.includes(entity) ? list.filter((e) => e !== entity) : [...list, entity]));
  return (
    <form className="form-grid ob-decision-form" onSubmit={onSubmit} aria-label="Record a decision" noValidate>
      <div className="form-row">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
          options={DECISION_KINDS.map((k) => ({ value: k, label: KIND_WORDS[k] }))}
        />
        <TextField
          label="Decision"
          value={decision}
          onChange={(e) => setDecision(e.target.value)}
          placeholder={PLACEHOLDER[kind]}
          error={submit.fields['decision']}
        />
        <TextField
          label="Approved by"
          value={approvers}
          onChange={(e) => setApprovers(e.target.value)}
          placeholder="CEO, General Counsel"
          hint="names, comma-separated"
          error={submit.fields['approvers']}
        />
      </div>
      <TextArea
        label="Why"
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        rows={2}
        error={submit.fields['rationale']}
      />
      {entities.length > 0 && (
        <fieldset className="checks">
          <legend className="field-label">Entities (none: the whole incident)</legend>
          {entities.map((entity) => (
            <label key={entity}>
              <input type="checkbox" checked={chosen.includes(entity)} onChange={() => toggle(entity)} /> {entity}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'ransom' && (
        <p className="ob-ofac small" role="note">
          <strong>Sanctions screening (attached to the decision):</strong> {OFAC_SANCTIONS_NOTE}
        </p>
      )}
      {submit.unexplained(['decision', 'approvers', 'rationale']) && (
        <ErrorNotice error={submit.error} action="Decision not recorded" />
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={submit.pending}>
          Record decision
        </button>
      </div>
    </form>
  );
}

export function DecisionsPanel({
  id,
  view,
  entities,
  onRecorded,
}: {
  id: string;
  view: ObligationsAnswer;
  entities: readonly string[];
  onRecorded: () => void;
}) {
  const { me } = useSession();
  const { decisions, payments } = view.decisions;
  return (
    <section className="panel ob-decisions" aria-labelledby="ob-decisions-title">
      <div className="panel-head">
        <h2 id="ob-decisions-title">
          Decision log<span className="count">{decisions.length}</span>
        </h2>
      </div>
      <div className="panel-body">
        {me.permissions.includes('obligations:record') ? (
          <DecisionForm id={id} entities={entities} onRecorded={onRecorded} />
        ) : (
          <p className="faint small">Entity leads and commanders record decisions.</p>
        )}
        {decisions.length === 0 ? (
          <Empty>No decisions recorded.</Empty>
        ) : (
          <ul className="ob-decision-list">
            {[...decisions].reverse().map((d) => (
              <li key={d.seq} data-kind={d.kind}>
                <div>
                  <strong>{KIND_WORDS[d.kind]}:</strong> {d.decision}
                </div>
                <div className="muted small">
                  {formatDateTime(d.at)} · approved by {d.approvers.join(', ')} · recorded by{' '}
                  {d.recordedBy.replace(/^user:/, '')}
                  {d.entities.length > 0 ? ` · ${d.entities.join(', ')}` : ''}
                </div>
                <div>{d.rationale}</div>
                {d.notes.map((note) => (
                  <details key={note.topic + note.text.slice(0, 20)} className="small">
                    <summary>
                      {note.topic === 'sanctions' ? 'Sanctions screening note' : `Note (${note.topic})`}
                    </summary>
                    <p>{note.text}</p>
                  </details>
                ))}
              </li>
            ))}
          </ul>
        )}
        {payments.length > 0 && (
          <p className="ob-payments">
            Ransom payments recorded:{' '}
            {payments
              .map((p) => `${formatDateTime(p.at)}${p.amount === null ? '' : ` ${p.amount} ${p.currency ?? ''}`}`)
              .join('; ')}
          </p>
        )}
      </div>
    </section>
  );
}

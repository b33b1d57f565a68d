/**
 * The breach assessment per entity and regime: the proposal with its reasoning, the determination recorded (by
 * whom, confirming or overriding), and the action for a named person to confirm or override it.
 */
import { useState } from 'react';
import type { ObligationsAnswer } from '../../../src/contracts/obligations';
import { useSession } from '../app/session';
import { SelectField } from '../ui/Field';
import { Empty } from '../ui/Status';
import { DeterminationDialog } from './DeterminationDialog';
import { DECISION_WORDS, determinationFor, type Assessment } from './format';
import type { Exfiltration } from './use-obligations';

const EXFILTRATION: { value: Exfiltration; label: string }[] = [
  { value: 'unknown', label: 'Exfiltration: not known' },
  { value: 'suspected', label: 'Exfiltration: suspected' },
  { value: 'confirmed', label: 'Exfiltration: confirmed' },
  { value: 'excluded', label: 'Exfiltration: excluded' },
];

function DecisionBadge({ value, title }: { value: keyof typeof DECISION_WORDS; title: string }) {
  return (
    <span className="badge ob-decision" data-value={value} title={title}>
      {DECISION_WORDS[value]}
    </span>
  );
}

export function AssessmentPanel({
  id,
  view,
  exfiltration,
  onExfiltration,
  onRecorded,
}: {
  id: string;
  view: ObligationsAnswer;
  exfiltration: Exfiltration;
  onExfiltration: (value: Exfiltration) => void;
  onRecorded: () => void;
}) {
  const { me, sees } = useSession();
  const mayRecord = me.permissions.includes('obligations:record');
  const [open, setOpen] = useState<Assessment | undefined>(undefined);
  return (
    <section className="panel ob-assessment" aria-labelledby="ob-assessment-title">
      <div className="panel-head">
        <h2 id="ob-assessment-title">
          Breach assessment<span className="count">{view.assessment.length}</span>
        </h2>
        <SelectField
          label="What responders know"
          value={exfiltration}
          onChange={(e) => onExfiltration(e.target.value as Exfiltration)}
          options={EXFILTRATION}
        />
      </div>
      <div className="panel-body">
        {view.assessment.length === 0 ? (
          <Empty>No entity has hosts in the incident&apos;s scope yet, so there is nothing to assess.</Empty>
        ) : (
          <ul className="ob-assessments">
            {view.assessment.map((a) => {
              const recorded = determinationFor(view.determinations, a);
              return (
                <li
                  key={`${a.entity}:${a.regime}`}
                  className="ob-assessment-item"
                  data-entity={a.entity}
                  data-regime={a.regime}
                >
                  <div className="ob-assessment-head">
                    <strong>{a.entity}</strong> <span className="muted">{a.regimeName}</span>{' '}
                    <DecisionBadge value={a.proposal} title="Proposed by the assessment" />
                    {recorded && (
                      <span className="ob-recorded" data-decision={recorded.decision}>
                        {recorded.proposed === null || recorded.proposed === recorded.decision
                          ? 'Confirmed'
                          : 'Overridden'}
                        : {DECISION_WORDS[recorded.decision]} by {recorded.by}
                      </span>
                    )}
                  </div>
                  <ul className="ob-reasoning">
                    {(recorded?.reasoning ?? a.reasoning).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  {mayRecord && sees(a.entity) && (
                    <button type="button" className="btn btn-small" onClick={() => setOpen(a)}>
                      {recorded ? 'Record a new determination' : 'Confirm or override'}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {!mayRecord && <p className="faint small">Entity leads and commanders record determinations.</p>}
      </div>
      {open && (
        <DeterminationDialog
          id={id}
          assessment={open}
          onClose={() => setOpen(undefined)}
          onRecorded={() => {
            setOpen(undefined);
            onRecorded();
          }}
        />
      )}
    </section>
  );
}

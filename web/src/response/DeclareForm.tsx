/**
 * Declaring a region (or one of its entities) out of scope: a note, hosts that count as clean without a sweep
 * (each with its reason), and whether to roll back the region's precautionary shutdown. The server refuses
 * unless every host is swept clean or excepted, and says which shutdown rollbacks it asked for.
 */
import { useState, type FormEvent } from 'react';
import { declareRegion } from '../api/response-endpoints';
import type { DeclareAnswer } from '../api/response-schemas';
import { useSubmit } from '../api/use-submit';
import { TextArea } from '../ui/Field';
import { Refusal } from './Refusal';

/** `host: reason` per line. */
function exceptionsOf(text: string): { host: string; reason: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return at < 0 ? { host: line.toLowerCase(), reason: '' } : { host: line.slice(0, at).trim().toLowerCase(), reason: line.slice(at + 1).trim() };
    });
}

function Outcome({ answer }: { answer: DeclareAnswer }) {
  const { declaration, shutdown } = answer;
  return (
    <div className="declared-now" role="status">
      <p>
        <strong>{declaration.entities.join(', ')}</strong> declared out of scope: {declaration.evidence.summary}
      </p>
      {shutdown.map((s) => (
        <p key={s.planId} className={s.outcome === 'refused' ? 'warn-text' : 'muted'}>
          {s.outcome === 'rollback_requested' ? `Rollback of ${s.planId} (${s.kind.replace('_', ' ')}) asked for ${s.actions} actions.` : `Rollback of ${s.planId} refused: ${s.reason ?? ''}`}
        </p>
      ))}
    </div>
  );
}

export function DeclareForm({ incidentId, region, entity, onDone }: { incidentId: string; region: string; entity?: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [exceptions, setExceptions] = useState('');
  const [endShutdown, setEndShutdown] = useState(true);
  const [answer, setAnswer] = useState<DeclareAnswer | null>(null);
  const submit = useSubmit(async () => {
    setAnswer(await declareRegion(incidentId, region, { ...(entity ? { entity } : {}), ...(note.trim() ? { note: note.trim() } : {}), exceptions: exceptionsOf(exceptions), endShutdown }));
    onDone();
  });
  if (answer) return <Outcome answer={answer} />;
  const send = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form-grid inline-form" aria-label={`Declare ${entity ?? region} out of scope`} onSubmit={send}>
      <TextArea label="Note (optional)" rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={submit.fields['note']} />
      <TextArea label="Exceptions (optional)" rows={2} value={exceptions} onChange={(e) => setExceptions(e.target.value)} placeholder="uk-ws07: decommissioned in May, powered off" hint="Hosts that count as clean without a sweep, one per line as host: reason." error={submit.fields['exceptions']} />
      <label className="check">
        <input type="checkbox" checked={endShutdown} onChange={(e) => setEndShutdown(e.target.checked)} /> Roll back the precautionary shutdown of {entity ?? region}
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={submit.pending}>
          {submit.pending ? 'Declaring…' : `Declare ${entity ?? region} out of scope`}
        </button>
      </div>
      {submit.error !== undefined && submit.unexplained(['note', 'exceptions']) && <Refusal error={submit.error} onDismiss={submit.reset} />}
    </form>
  );
}

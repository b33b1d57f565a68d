/**
 * Sweeping a region (or one entity) for indicators: the incident's own (from its alerts) plus those typed here.
 * The server proposes a sweep plan, approved and run like any plan (the region card then shows it); its results
 * turn hosts clean or in scope.
 */
import { useState, type FormEvent } from 'react';
import { requestSweep } from '../api/response-endpoints';
import { useSubmit } from '../api/use-submit';
import { TextArea } from '../ui/Field';
import { indicatorTotal, splitIndicators } from './indicators';
import { Refusal } from './Refusal';

export function SweepForm({ incidentId, region, entity, onDone }: { incidentId: string; region: string; entity?: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const [fromAlerts, setFromAlerts] = useState(true);
  const submit = useSubmit(async () => {
    const indicators = splitIndicators(text);
    await requestSweep(incidentId, { ...(entity ? { entity } : { region }), fromAlerts, ...(indicatorTotal(indicators) > 0 ? { indicators } : {}) });
    onDone();
  });
  const typed = splitIndicators(text);
  const send = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form-grid inline-form" aria-label={`Sweep ${entity ?? region}`} onSubmit={send}>
      <TextArea
        label="Indicators to look for"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'SHA-256, process name or address, one per line\nqbot.exe\n203.0.113.7'}
        hint={`${typed.sha256.length} hashes · ${typed.processNames.length} process names · ${typed.remote.length} addresses`}
        error={submit.fields['indicators']}
      />
      <label className="check">
        <input type="checkbox" checked={fromAlerts} onChange={(e) => setFromAlerts(e.target.checked)} /> Also the indicators of the incident’s alerts
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={submit.pending}>
          {submit.pending ? 'Proposing…' : `Propose sweep of ${entity ?? region}`}
        </button>
      </div>
      {submit.error !== undefined && submit.unexplained(['indicators']) && <Refusal error={submit.error} onDismiss={submit.reset} />}
    </form>
  );
}

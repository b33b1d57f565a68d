/** Planning the recovery of a region or an entity, optionally naming the approver whose sign-off every step needs. */
import { useState, type FormEvent } from 'react';
import { planRecoveryOf } from '../api/response-endpoints';
import type { RegionClearanceView } from '../api/response-schemas';
import { useSubmit } from '../api/use-submit';
import { SelectField, TextField } from '../ui/Field';
import { Refusal } from './Refusal';

export function PlanRecoveryForm({ incidentId, regions, onPlanned }: { incidentId: string; regions: readonly RegionClearanceView[]; onPlanned: () => void }) {
  const [target, setTarget] = useState('');
  const [approver, setApprover] = useState('');
  const submit = useSubmit(async () => {
    const [kind, ref] = target.split(':') as ['region' | 'entity', string];
    await planRecoveryOf(incidentId, { [kind]: ref, ...(approver.trim() ? { approver: approver.trim() } : {}) });
    onPlanned();
  });
  const options = [
    { value: '', label: 'Choose a region or an entity' },
    ...regions.flatMap((r) => [
      { value: `region:${r.region}`, label: `Region ${r.name} (${r.region})` },
      ...r.entities.map((e) => ({ value: `entity:${e.entity}`, label: `   Entity ${e.name} (${e.entity})` })),
    ]),
  ];
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run()) setTarget('');
  };
  return (
    <form className="form-row recovery-form" aria-label="Plan a recovery" onSubmit={(e) => void send(e)}>
      <SelectField label="Restore" value={target} options={options} onChange={(e) => setTarget(e.target.value)} error={submit.fields['entity'] ?? submit.fields['region']} />
      <TextField label="Named approver (optional)" value={approver} onChange={(e) => setApprover(e.target.value)} placeholder="user name" error={submit.fields['approver']} />
      <button type="submit" className="btn btn-primary" disabled={submit.pending || target === ''}>
        {submit.pending ? 'Planning…' : 'Plan recovery'}
      </button>
      {submit.error !== undefined && submit.unexplained(['entity', 'region', 'approver']) && <Refusal error={submit.error} onDismiss={submit.reset} />}
    </form>
  );
}

/**
 * Asking the planner for a specific plan: a kind and its target (hosts of one entity, a segment and optionally
 * its peers, an entity, a region). Checked with the server's own schema before sending; the plan comes back
 * with its impact and approvals, awaiting approval.
 */
import { useState, type FormEvent } from 'react';
import { fetchEstateDocument } from '../api/endpoints';
import { proposePlan } from '../api/response-endpoints';
import { useQuery } from '../api/use-query';
import { useSubmit } from '../api/use-submit';
import { sessionKey, useSession } from '../app/session';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { Refusal } from './Refusal';

const KINDS = [
  { value: 'isolate_hosts', label: 'Isolate hosts (one entity)' },
  { value: 'cut_segment_external', label: 'Cut a segment’s external links' },
  { value: 'cut_segment_links', label: 'Cut a segment’s links to other segments' },
  { value: 'shutdown_entity', label: 'Shut an entity down' },
  { value: 'shutdown_region', label: 'Shut a region down' },
] as const;
type Kind = (typeof KINDS)[number]['value'];

const splitList = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);

function requestOf(kind: Kind, f: { hosts: string; segment: string; peers: string; entity: string; region: string }) {
  switch (kind) {
    case 'isolate_hosts':
      return { kind, target: { hosts: splitList(f.hosts) } };
    case 'cut_segment_external':
      return { kind, target: { segment: f.segment.trim() } };
    case 'cut_segment_links': {
      const peers = splitList(f.peers);
      return { kind, target: { segment: f.segment.trim(), ...(peers.length > 0 ? { peers } : {}) } };
    }
    case 'shutdown_entity':
      return { kind, target: { entity: f.entity } };
    case 'shutdown_region':
      return { kind, target: { region: f.region } };
  }
}

export function PlanRequestForm({ incidentId, onProposed }: { incidentId: string; onProposed: (planId: string) => void }) {
  const { me } = useSession();
  const key = sessionKey(me);
  const estate = useQuery(`estate-doc:${key}`, () => fetchEstateDocument(key));
  const [kind, setKind] = useState<Kind>('isolate_hosts');
  const [form, setForm] = useState({ hosts: '', segment: '', peers: '', entity: '', region: '' });
  const submit = useSubmit(async (request: ReturnType<typeof requestOf>) => onProposed((await proposePlan(incidentId, request)).planId));
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const doc = estate.data;
  const targetError = submit.fields['target'];

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(requestOf(kind, form))) setForm({ hosts: '', segment: '', peers: '', entity: '', region: '' });
  };

  return (
    <form className="form-grid plan-request" aria-label="Ask for a plan" onSubmit={(e) => void send(e)}>
      <SelectField label="Plan" value={kind} options={KINDS} onChange={(e) => setKind(e.target.value as Kind)} error={submit.fields['kind']} />
      {kind === 'isolate_hosts' && (
        <TextArea label="Hosts" rows={2} value={form.hosts} onChange={set('hosts')} placeholder="tyo-fs01, tyo-ws0042" hint="Host names of one entity, separated by commas, spaces or lines." error={targetError} />
      )}
      {(kind === 'cut_segment_external' || kind === 'cut_segment_links') && (
        <>
          <TextField label="Segment" list="plan-segments" value={form.segment} onChange={set('segment')} error={targetError} />
          <datalist id="plan-segments">
            {doc?.segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </datalist>
        </>
      )}
      {kind === 'cut_segment_links' && <TextField label="Only the links to (optional)" value={form.peers} onChange={set('peers')} hint="Peer segments; empty cuts every link of the segment." />}
      {kind === 'shutdown_entity' && (
        <SelectField label="Entity" value={form.entity} onChange={set('entity')} error={targetError} options={[{ value: '', label: 'Choose an entity' }, ...(doc?.entities ?? []).map((e) => ({ value: e.id, label: `${e.name} (${e.id})` }))]} />
      )}
      {kind === 'shutdown_region' && (
        <SelectField label="Region" value={form.region} onChange={set('region')} error={targetError} options={[{ value: '', label: 'Choose a region' }, ...(doc?.regions ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }))]} />
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={submit.pending}>
          {submit.pending ? 'Planning…' : 'Propose plan'}
        </button>
      </div>
      {submit.error !== undefined && submit.unexplained(['kind', 'target']) && <Refusal error={submit.error} onDismiss={submit.reset} />}
    </form>
  );
}

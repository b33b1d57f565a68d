/**
 * Recording a scope decision: a host, segment or entity is suspected, in scope or cleared, always with evidence.
 * The reference field suggests ids from the estate the user may see; the server checks it and its entity.
 */
import { useId, useState, type FormEvent } from 'react';
import { SCOPE_KINDS, SCOPE_STATES, type ScopeKind, type ScopeState } from '../../../src/incident/fields';
import type { AppendInput } from '../../../src/incident/input.schema';
import { fetchEstateDocument } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { useSubmit } from '../api/use-submit';
import { sessionKey, useSession } from '../app/session';
import { label } from '../ui/Badge';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';

const KIND_LABELS: Record<ScopeKind, string> = { host: 'Host', segment: 'Segment', entity: 'Entity' };

function Suggestions({ id, kind }: { id: string; kind: ScopeKind }) {
  const { me } = useSession();
  const estate = useQuery(`estate:${sessionKey(me)}`, () => fetchEstateDocument(sessionKey(me)));
  const doc = estate.data;
  if (!doc) return null;
  const items =
    kind === 'host'
      ? doc.hosts.map((h) => ({ id: h.hostname, hint: `${h.role}, ${h.segment}` }))
      : kind === 'segment'
        ? doc.segments.map((s) => ({ id: s.id, hint: s.name }))
        : doc.entities.map((e) => ({ id: e.id, hint: e.name }));
  return (
    <datalist id={id}>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.hint}
        </option>
      ))}
    </datalist>
  );
}

interface Props {
  append: (entry: AppendInput) => Promise<void>;
  /** Changing an existing item: kind and reference are fixed. */
  fixed?: { kind: ScopeKind; ref: string; state: string };
  onDone?: () => void;
}

export function ScopeForm({ append, fixed, onDone }: Props) {
  const listId = useId();
  const [kind, setKind] = useState<ScopeKind>(fixed?.kind ?? 'host');
  const [ref, setRef] = useState(fixed?.ref ?? '');
  const initialState = SCOPE_STATES.find((s) => s !== fixed?.state) ?? 'suspected';
  const [state, setState] = useState<ScopeState>(fixed ? initialState : 'suspected');
  const [evidence, setEvidence] = useState('');
  const submit = useSubmit(async () => {
    await append({ type: 'scope.changed', payload: { kind, ref, state, evidence } });
    setRef(fixed?.ref ?? '');
    setEvidence('');
    onDone?.();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  const f = submit.fields;
  const title = fixed ? `Change scope of ${fixed.kind} ${fixed.ref}` : 'Add to scope';
  return (
    <form className="form-grid scope-form" onSubmit={onSubmit} aria-label={title} noValidate>
      <div className={fixed ? 'form-row' : 'form-columns scope-fields'}>
        {!fixed && (
          <SelectField
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ScopeKind)}
            options={SCOPE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            error={f['kind']}
          />
        )}
        {!fixed && (
          <TextField
            label={KIND_LABELS[kind]}
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            list={listId}
            placeholder={kind === 'host' ? 'hostname, e.g. tyo-fs01' : 'id'}
            error={f['ref']}
            autoComplete="off"
          />
        )}
        <SelectField
          label="Scope state"
          value={state}
          onChange={(e) => setState(e.target.value as ScopeState)}
          options={SCOPE_STATES.map((s) => ({ value: s, label: label(s) }))}
          error={f['state']}
        />
      </div>
      {!fixed && <Suggestions id={listId} kind={kind} />}
      <TextArea
        label="Evidence"
        value={evidence}
        onChange={(e) => setEvidence(e.target.value)}
        rows={2}
        placeholder="Why: the indicator hit, sweep result or log review"
        error={f['evidence']}
      />
      {submit.unexplained(fixed ? ['state', 'evidence'] : ['kind', 'ref', 'state', 'evidence']) && (
        <ErrorNotice error={submit.error} action="Scope not changed" />
      )}
      <div className="form-actions">
        {onDone && (
          <button type="button" className="btn" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={submit.pending}>
          {submit.pending ? 'Recording…' : fixed ? 'Record change' : 'Add to scope'}
        </button>
      </div>
    </form>
  );
}

/** Opening an incident by hand, checked with the server's own schema so errors show per field before sending. */
import { useState, type FormEvent } from 'react';
import type { Entity } from '../../../src/estate/schema';
import { SEVERITIES } from '../../../src/incident/fields';
import type { OpenIncidentInput } from '../../../src/incident/input.schema';
import { openIncident } from '../api/endpoints';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { label } from '../ui/Badge';
import { Dialog } from '../ui/Dialog';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';

interface Draft {
  title: string;
  severity: string;
  summary: string;
  awareness: string;
  commander: string;
  entities: string[];
}

/** The fields this form shows errors beside; other errors are shown as a notice. */
const FIELDS = ['title', 'severity', 'summary', 'awarenessAt', 'commander', 'entities'];

const EMPTY: Draft = { title: '', severity: 'high', summary: '', awareness: '', commander: '', entities: [] };

/** The form's values as the API body; a local date-time becomes an ISO instant with the browser's offset. */
function toInput(draft: Draft): OpenIncidentInput {
  const awareness = draft.awareness ? new Date(draft.awareness) : undefined;
  return {
    title: draft.title,
    severity: draft.severity as OpenIncidentInput['severity'],
    ...(draft.summary.trim() ? { summary: draft.summary } : {}),
    ...(awareness
      ? { awarenessAt: Number.isNaN(awareness.getTime()) ? draft.awareness : awareness.toISOString() }
      : {}),
    ...(draft.commander.trim() ? { commander: draft.commander.trim() } : {}),
    ...(draft.entities.length ? { entities: draft.entities } : {}),
  };
}

function EntityChecks({
  entities,
  chosen,
  onChange,
  error,
}: {
  entities: readonly Entity[] | undefined;
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((e) => e !== id) : [...chosen, id]);
  return (
    <fieldset
      className="checks"
      aria-describedby={error ? 'entities-error' : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field-label">Entities affected</legend>
      {entities === undefined && <span className="muted">Loading entities…</span>}
      {entities?.map((entity) => (
        <label key={entity.id}>
          <input type="checkbox" checked={chosen.includes(entity.id)} onChange={() => toggle(entity.id)} />
          {entity.name} <span className="faint mono">{entity.id}</span>
        </label>
      ))}
      {error && (
        <span id="entities-error" className="field-error" role="alert" style={{ flexBasis: '100%' }}>
          {error}
        </span>
      )}
    </fieldset>
  );
}

interface Props {
  open: boolean;
  entities: readonly Entity[] | undefined;
  onClose: () => void;
  onCreated: (id: string) => void;
}

export function NewIncidentDialog({ open, entities, onClose, onCreated }: Props) {
  const { me } = useSession();
  // An entity-scoped user with one entity gets it preselected (the server requires entities from them).
  const initial = (): Draft => ({
    ...EMPTY,
    entities: me.entities === '*' || me.entities.length !== 1 ? [] : [...me.entities],
  });
  const [draft, setDraft] = useState<Draft>(initial);
  const submit = useSubmit(async () => {
    const created = await openIncident(toInput(draft));
    setDraft(initial());
    onCreated(created.id);
  });
  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  const close = () => {
    submit.reset();
    onClose();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  const f = submit.fields;
  return (
    <Dialog open={open} title="New incident" onClose={close}>
      <form className="form-grid" onSubmit={onSubmit} noValidate aria-label="New incident">
        <TextField
          label="Title"
          name="title"
          value={draft.title}
          onChange={set('title')}
          error={f['title']}
          placeholder="e.g. Ransom note on Tokyo file servers"
          autoFocus
        />
        <div className="form-columns">
          <SelectField
            label="Severity"
            name="severity"
            value={draft.severity}
            onChange={set('severity')}
            error={f['severity']}
            options={SEVERITIES.map((s) => ({ value: s, label: label(s) }))}
          />
          <TextField
            label="Aware since"
            name="awarenessAt"
            type="datetime-local"
            value={draft.awareness}
            onChange={set('awareness')}
            error={f['awarenessAt']}
          />
          <TextField
            label="Commander"
            name="commander"
            value={draft.commander}
            onChange={set('commander')}
            error={f['commander']}
            placeholder="user name (optional)"
          />
        </div>
        <p className="field-hint form-note">
          Aware since: when the organisation became aware; notification clocks start here. Leave it empty for now.
        </p>
        <TextArea
          label="Summary"
          name="summary"
          value={draft.summary}
          onChange={set('summary')}
          error={f['summary']}
          placeholder="What is known so far (optional)"
        />
        <EntityChecks
          entities={entities}
          chosen={draft.entities}
          onChange={(ids) => setDraft({ ...draft, entities: ids })}
          error={f['entities']}
        />
        {submit.unexplained(FIELDS) && <ErrorNotice error={submit.error} action="The incident was not opened" />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={submit.pending}>
            {submit.pending ? 'Opening…' : 'Open incident'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

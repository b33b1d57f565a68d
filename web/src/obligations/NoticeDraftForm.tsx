/** Drafting a notice: a template, the entity giving it, the obligation it fulfils, the contact point. */
import { useEffect, useState, type FormEvent } from 'react';
import type { NoticeTemplateAnswer, NoticeViewAnswer } from '../../../src/contracts/notices';
import type { ObligationsAnswer } from '../../../src/contracts/obligations';
import { draftNotice } from '../api/endpoints';
import { useSubmit } from '../api/use-submit';
import { SelectField, TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';
import type { DraftRequest } from './ClocksPanel';
import type { Exfiltration } from './use-obligations';

const AUDIENCE: Record<string, string> = {
  regulator: 'Regulators',
  law_enforcement: 'Law enforcement',
  data_subjects: 'Data subjects',
  customers: 'Customers',
  partners: 'Partners',
};

export function NoticeDraftForm({
  id,
  templates,
  entities,
  view,
  exfiltration,
  request,
  onDrafted,
}: {
  id: string;
  templates: readonly NoticeTemplateAnswer[];
  entities: readonly string[];
  view: ObligationsAnswer;
  exfiltration: Exfiltration;
  request: DraftRequest | undefined;
  onDrafted: (notice: NoticeViewAnswer) => void;
}) {
  const [template, setTemplate] = useState(templates[0]?.id ?? '');
  const [entity, setEntity] = useState(entities[0] ?? '');
  const [obligationId, setObligationId] = useState('');
  const [contact, setContact] = useState('');
  useEffect(() => {
    if (!request) return;
    setTemplate(request.template);
    setEntity(request.entity);
    setObligationId(request.obligationId ?? '');
  }, [request]);
  const chosen = templates.find((t) => t.id === template);
  const rules = view.obligations.filter(
    (o) => o.entity === entity && o.applicable && (chosen?.rules ?? []).includes(o.ruleId),
  );
  const submit = useSubmit(async () => {
    const notice = await draftNotice(id, {
      template,
      entity,
      exfiltration,
      ...(obligationId ? { obligationId } : {}),
      ...(contact.trim() ? { contact } : {}),
    });
    onDrafted(notice);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  const options = templates.map((t) => ({ value: t.id, label: `${AUDIENCE[t.audience] ?? t.audience}: ${t.title}` }));
  return (
    <form className="form-grid ob-draft-form" onSubmit={onSubmit} aria-label="Draft a notice" noValidate>
      <div className="form-row">
        <SelectField
          label="Template"
          value={template}
          onChange={(e) => {
            setTemplate(e.target.value);
            setObligationId('');
          }}
          options={options}
          error={submit.fields['template']}
        />
        <SelectField
          label="Entity"
          value={entity}
          onChange={(e) => {
            setEntity(e.target.value);
            setObligationId('');
          }}
          options={entities.map((e) => ({ value: e, label: e }))}
          error={submit.fields['entity']}
        />
        <SelectField
          label="Fulfils"
          value={obligationId}
          onChange={(e) => setObligationId(e.target.value)}
          options={[
            { value: '', label: rules.length > 0 ? 'the first open obligation' : 'no obligation (voluntary)' },
            ...rules.map((o) => ({ value: o.ruleId, label: `${o.ruleId} (${o.status.replace('_', ' ')})` })),
          ]}
          error={submit.fields['obligationId']}
        />
      </div>
      <TextField
        label="Contact point"
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        placeholder="name, role, e-mail, telephone (left as a blank if empty)"
        error={submit.fields['contact']}
      />
      {chosen && (
        <p className="faint small">
          {chosen.description ?? chosen.title} Source: {chosen.source.citation} (checked {chosen.checked}).
        </p>
      )}
      {submit.unexplained(['template', 'entity', 'obligationId', 'contact']) && (
        <ErrorNotice error={submit.error} action="Notice not drafted" />
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={submit.pending || !template || !entity}>
          {submit.pending ? 'Drafting…' : 'Draft notice'}
        </button>
      </div>
    </form>
  );
}

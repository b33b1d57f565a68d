/** Commander-only decisions besides the lifecycle: the title, severity, and who commands the incident. */
import { useState, type FormEvent } from 'react';
import { SEVERITIES } from '../../../src/incident/fields';
import type { AppendInput } from '../../../src/incident/input.schema';
import type { IncidentSummary } from '../api/endpoints';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { label } from '../ui/Badge';
import { SelectField, TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';

type Append = (entry: AppendInput) => Promise<void>;

function TitleForm({ current, append }: { current: string; append: Append }) {
  const [to, setTo] = useState(current);
  const [reason, setReason] = useState('');
  const submit = useSubmit(async () => {
    await append({ type: 'title.changed', payload: { to: to.trim(), ...(reason.trim() ? { reason } : {}) } });
    setReason('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form-row" onSubmit={onSubmit} aria-label="Rename incident">
      <TextField label="Title" value={to} onChange={(e) => setTo(e.target.value)} error={submit.fields['to']} />
      <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why (optional)" error={submit.fields['reason']} />
      <button type="submit" className="btn" disabled={submit.pending || !to.trim() || to.trim() === current}>
        Rename
      </button>
      {submit.unexplained(['to', 'reason']) && <ErrorNotice error={submit.error} action="Incident not renamed" />}
    </form>
  );
}

function SeverityForm({ current, append }: { current: string; append: Append }) {
  const [to, setTo] = useState(current);
  const [reason, setReason] = useState('');
  const submit = useSubmit(async () => {
    await append({
      type: 'severity.changed',
      payload: { to: to as (typeof SEVERITIES)[number], ...(reason.trim() ? { reason } : {}) },
    });
    setReason('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form-row" onSubmit={onSubmit} aria-label="Change severity">
      <SelectField
        label="Severity"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        options={SEVERITIES.map((s) => ({ value: s, label: label(s) }))}
      />
      <TextField
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="why (optional)"
        error={submit.fields['reason']}
      />
      <button type="submit" className="btn" disabled={submit.pending || to === current}>
        Change severity
      </button>
      {submit.unexplained(['reason']) && <ErrorNotice error={submit.error} action="Severity not changed" />}
    </form>
  );
}

function CommanderForm({ current, append }: { current: string | null; append: Append }) {
  const { me } = useSession();
  const [username, setUsername] = useState('');
  const submit = useSubmit(async (who: string) => {
    await append({ type: 'commander.assigned', payload: { username: who } });
    setUsername('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(username.trim());
  };
  return (
    <form className="form-row" onSubmit={onSubmit} aria-label="Assign commander">
      <TextField
        label="Commander"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        placeholder={current ?? 'user name'}
        error={submit.fields['username']}
      />
      <button type="submit" className="btn" disabled={submit.pending || !username.trim()}>
        Assign
      </button>
      {current !== me.username && (
        <button type="button" className="btn" disabled={submit.pending} onClick={() => void submit.run(me.username)}>
          Take command
        </button>
      )}
      {submit.unexplained(['username']) && <ErrorNotice error={submit.error} action="Commander not assigned" />}
    </form>
  );
}

export function CommandControls({ summary, append }: { summary: IncidentSummary; append: Append }) {
  const { can } = useSession();
  if (!can('incident:command')) return null;
  return (
    <details className="command-controls">
      <summary>Title, severity and commander</summary>
      <div className="command-forms">
        <TitleForm current={summary.title} append={append} key={`title:${summary.title}`} />
        <SeverityForm current={summary.severity} append={append} key={summary.severity} />
        <CommanderForm current={summary.commander} append={append} />
      </div>
    </details>
  );
}

/**
 * One notice: its text (Markdown) with the blanks still to complete, then approval of the text as it stands (by
 * someone who did not write a regulator, police or data-subject notice) and the record of its sending.
 */
import { useState, type FormEvent } from 'react';
import type { NoticeTemplateAnswer, NoticeViewAnswer } from '../../../src/contracts/notices';
import { findBlanks } from '../../../src/obligations/notices.placeholders';
import { approveNotice, editNotice, sendNotice } from '../api/endpoints';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { TextArea, TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';
import { formatDateTime } from '../ui/Time';
import { NoticeBadge } from './NoticeBadge';

type Changed = (notice: NoticeViewAnswer) => void;

function approvalBlock(
  n: NoticeViewAnswer,
  me: string,
  mayApprove: boolean,
  dirty: boolean,
  blanks: number,
): string | null {
  if (!mayApprove) return 'Entity leads and commanders approve notices.';
  if (dirty) return 'Save the text before approving it.';
  if (blanks > 0) return `Complete the ${blanks} blank(s) before approving.`;
  if (n.fourEyes && n.authors.includes(me))
    return `Four-eyes rule: you wrote this ${n.audience.replace('_', ' ')} notice; someone else must approve it.`;
  return null;
}

function SendForm({ id, notice: n, onChanged }: { id: string; notice: NoticeViewAnswer; onChanged: Changed }) {
  const [recipient, setRecipient] = useState(n.recipient);
  const [channel, setChannel] = useState('');
  const [reference, setReference] = useState('');
  const [at, setAt] = useState('');
  const submit = useSubmit(async () => {
    const answer = await sendNotice(id, n.noticeId, {
      channel,
      ...(recipient.trim() && recipient !== n.recipient ? { recipient } : {}),
      ...(reference.trim() ? { reference } : {}),
      ...(at ? { at: new Date(at).toISOString() } : {}),
    });
    onChanged(answer.notice);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form-grid" onSubmit={onSubmit} aria-label="Record as sent" noValidate>
      <div className="form-row">
        <TextField
          label="Recipient"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
          error={submit.fields['recipient']}
        />
        <TextField
          label="Channel"
          value={channel}
          onChange={(e) => setChannel(e.target.value)}
          placeholder="ICO web form, e-mail, TDnet…"
          error={submit.fields['channel']}
        />
        <TextField
          label="Reference"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          placeholder="the recipient's reference number"
          error={submit.fields['reference']}
        />
        <TextField
          label="Sent at (optional)"
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          error={submit.fields['at']}
        />
      </div>
      {submit.unexplained(['recipient', 'channel', 'reference', 'at']) && (
        <ErrorNotice error={submit.error} action="Not recorded as sent" />
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={submit.pending}>
          Record as sent
        </button>
      </div>
    </form>
  );
}

export function NoticeEditor({
  id,
  notice: n,
  template,
  onChanged,
}: {
  id: string;
  notice: NoticeViewAnswer;
  template: NoticeTemplateAnswer | undefined;
  onChanged: Changed;
}) {
  const { me } = useSession();
  const mayWrite = me.permissions.includes('notice:write');
  const mayApprove = me.permissions.includes('notice:approve');
  const [text, setText] = useState(n.markdown);
  const [reason, setReason] = useState('');
  const dirty = text !== n.markdown;
  const blanks = findBlanks(text);
  const save = useSubmit(async () => {
    onChanged(await editNotice(id, n.noticeId, { markdown: text, ...(reason.trim() ? { reason } : {}) }));
    setReason('');
  });
  const approve = useSubmit(async () => onChanged(await approveNotice(id, n.noticeId, n.hash)));
  const blocked = approvalBlock(n, me.username, mayApprove, dirty, blanks.length);
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <article className="ob-notice" data-notice={n.noticeId} data-status={n.status} aria-label={`Notice ${n.noticeId}`}>
      <header className="ob-notice-head">
        <h3>
          <span className="mono">{n.noticeId}</span> {n.title}
        </h3>
        <NoticeBadge status={n.status} />
      </header>
      <dl className="facts">
        <div className="fact">
          <dt>Entity</dt>
          <dd>{n.entity}</dd>
        </div>
        <div className="fact">
          <dt>Recipient</dt>
          <dd>{n.recipient}</dd>
        </div>
        <div className="fact">
          <dt>Fulfils</dt>
          <dd className="mono">{n.obligationId ?? '—'}</dd>
        </div>
        <div className="fact">
          <dt>Written by</dt>
          <dd>{n.authors.join(', ')}</dd>
        </div>
        <div className="fact">
          <dt>Approval</dt>
          <dd>
            {n.approval
              ? `${n.approval.approver}, ${formatDateTime(n.approval.at)}`
              : n.voidedApproval
                ? `voided by an edit (was ${n.voidedApproval.approver})`
                : n.fourEyes
                  ? 'needed, by someone who did not write it'
                  : 'needed'}
          </dd>
        </div>
      </dl>
      {template && template.notes.length > 0 && (
        <ul className="ob-template-notes faint small">
          {template.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {n.sent ? (
        <p className="ob-sent" role="status">
          Sent {formatDateTime(n.sent.at)} to {n.sent.recipient} via {n.sent.channel}
          {n.sent.reference ? ` (reference ${n.sent.reference})` : ''}; recorded by {n.sent.recordedBy}.
        </p>
      ) : null}
      <form className="form-grid" onSubmit={onSave} aria-label="Edit the notice" noValidate>
        <TextArea
          label="Notice text (Markdown)"
          className="input ob-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={22}
          readOnly={!mayWrite || n.sent !== null}
          spellCheck
          error={save.fields['markdown']}
        />
        {blanks.length > 0 && (
          <div className="ob-blanks" role="note" aria-label="Blanks to complete">
            <strong>{blanks.length} blank(s) to complete</strong>
            <ul>
              {blanks.map((b) => (
                <li key={`${b.line}:${b.text}`}>
                  line {b.line}: {b.text}
                </li>
              ))}
            </ul>
          </div>
        )}
        {mayWrite && n.sent === null && (
          <div className="form-row">
            <TextField
              label="Why it changed (optional)"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={save.fields['reason']}
            />
            <button type="submit" className="btn" disabled={!dirty || save.pending}>
              Save text
            </button>
          </div>
        )}
        {save.unexplained(['markdown', 'reason']) && <ErrorNotice error={save.error} action="Text not saved" />}
      </form>
      {n.status === 'draft' && (
        <div className="ob-approve">
          <button
            type="button"
            className="btn btn-primary"
            disabled={blocked !== null || approve.pending}
            onClick={() => void approve.run()}
          >
            Approve this text
          </button>
          {blocked && <span className="faint small">{blocked}</span>}
          {approve.error !== undefined && <ErrorNotice error={approve.error} action="Not approved" />}
        </div>
      )}
      {n.status === 'approved' && mayWrite && <SendForm id={id} notice={n} onChanged={onChanged} />}
      <details className="ob-history">
        <summary>History</summary>
        <ul>
          {n.history.map((h) => (
            <li key={h.seq}>
              {formatDateTime(h.at)}: {h.action} by {h.actor}
              {h.note ? ` (${h.note})` : ''}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}

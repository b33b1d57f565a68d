/** The incident's notices: draft one from a template, then open it to edit, approve and record it as sent. */
import { useEffect, useRef, useState } from 'react';
import type { NoticeTemplateAnswer, NoticeViewAnswer } from '../../../src/contracts/notices';
import type { ObligationsAnswer } from '../../../src/contracts/obligations';
import { useSession } from '../app/session';
import { Empty } from '../ui/Status';
import { formatDateTime } from '../ui/Time';
import type { DraftRequest } from './ClocksPanel';
import { NoticeBadge } from './NoticeBadge';
import { NoticeDraftForm } from './NoticeDraftForm';
import { NoticeEditor } from './NoticeEditor';
import type { Exfiltration } from './use-obligations';

export function NoticesPanel({
  id,
  notices,
  templates,
  entities,
  view,
  exfiltration,
  request,
  onChanged,
}: {
  id: string;
  notices: readonly NoticeViewAnswer[];
  templates: readonly NoticeTemplateAnswer[];
  entities: readonly string[];
  view: ObligationsAnswer;
  exfiltration: Exfiltration;
  request: DraftRequest | undefined;
  onChanged: () => void;
}) {
  const { me } = useSession();
  const mayWrite = me.permissions.includes('notice:write');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [latest, setLatest] = useState<NoticeViewAnswer | undefined>(undefined);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (request) ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [request]);
  // The answer of an action is shown at once; the list catches up when it reloads.
  const listed = notices.find((n) => n.noticeId === selected);
  const open =
    latest?.noticeId === selected &&
    latest !== undefined &&
    (listed === undefined || listed.updatedAt <= latest.updatedAt)
      ? latest
      : listed;
  const changed = (notice: NoticeViewAnswer) => {
    setLatest(notice);
    setSelected(notice.noticeId);
    onChanged();
  };
  return (
    <section className="panel ob-notices" aria-labelledby="ob-notices-title" ref={ref}>
      <div className="panel-head">
        <h2 id="ob-notices-title">
          Notices<span className="count">{notices.length}</span>
        </h2>
      </div>
      <div className="panel-body">
        {mayWrite && entities.length > 0 ? (
          <NoticeDraftForm
            id={id}
            templates={templates}
            entities={entities}
            view={view}
            exfiltration={exfiltration}
            request={request}
            onDrafted={changed}
          />
        ) : (
          <p className="faint small">
            {mayWrite ? 'No entity of this incident is yours.' : 'Your role may read notices but not draft them.'}
          </p>
        )}
        {notices.length === 0 ? (
          <Empty>No notices yet.</Empty>
        ) : (
          <table className="table ob-notice-list">
            <thead>
              <tr>
                <th>Notice</th>
                <th>Entity</th>
                <th>Status</th>
                <th>Blanks</th>
                <th>Approved by</th>
                <th>Sent</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.noticeId} data-notice={n.noticeId} aria-selected={n.noticeId === selected}>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => setSelected(n.noticeId === selected ? undefined : n.noticeId)}
                      aria-expanded={n.noticeId === selected}
                    >
                      <span className="mono">{n.noticeId}</span> {n.title}
                    </button>
                  </td>
                  <td>{n.entity}</td>
                  <td>
                    <NoticeBadge status={n.status} />
                  </td>
                  <td className="num">{n.blanks.length}</td>
                  <td>{n.approval?.approver ?? '—'}</td>
                  <td>
                    {n.sent ? `${formatDateTime(n.sent.at)}${n.sent.reference ? ` · ${n.sent.reference}` : ''}` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {open && (
          <NoticeEditor
            key={`${open.noticeId}:${open.hash}:${open.status}`}
            id={id}
            notice={open}
            template={templates.find((t) => t.id === open.template)}
            onChanged={changed}
          />
        )}
      </div>
    </section>
  );
}

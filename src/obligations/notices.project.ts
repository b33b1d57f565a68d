/**
 * The notices of an incident, read back from its log: each notice's current text, who wrote it, whether its
 * current text is approved (an edit after an approval voids it) and whether it was sent. Pure.
 */
import { createHash } from 'node:crypto';
import { displayActor, type IncidentEvent } from '../incident/index.js';
import { findBlanks, type Blank } from './notices.placeholders.js';
import {
  FOUR_EYES_AUDIENCES,
  noticeApprovedSchema,
  noticeDraftedSchema,
  noticeEditedSchema,
  noticeSentSchema,
  type NoticeAudience,
} from './notices.schema.js';

export type NoticeStatus = 'draft' | 'approved' | 'sent';

export interface NoticeHistoryEntry {
  seq: number;
  at: string;
  actor: string;
  action: 'drafted' | 'edited' | 'approved' | 'sent';
  note: string | null;
}

export interface NoticeView {
  noticeId: string;
  template: string;
  title: string;
  audience: NoticeAudience;
  entity: string;
  regime: string | null;
  obligationId: string | null;
  recipient: string;
  markdown: string;
  /** sha256 (hex) of `markdown`: what an approval names. */
  hash: string;
  blanks: Blank[];
  status: NoticeStatus;
  draftedBy: string;
  draftedAt: string;
  updatedAt: string;
  /** Everyone who wrote the text (the drafter and each editor), by username. */
  authors: string[];
  /** Whether the approver must be someone other than the authors of the approved text. */
  fourEyes: boolean;
  /** The approval of the current text; null when none (or when an edit voided it). */
  approval: { approver: string; at: string; hash: string } | null;
  /** An approval voided by a later edit (so the UI can say why a new one is needed). */
  voidedApproval: { approver: string; at: string } | null;
  sent: { recipient: string; channel: string; reference: string | null; at: string; recordedBy: string; recordedAt: string; hash: string } | null;
  history: NoticeHistoryEntry[];
}

/**
 * The sha256 of a notice text, lower-case hex.
 *
 * @example
 * hashOfText('hello\n'); // '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03'
 */
export function hashOfText(markdown: string): string {
  return createHash('sha256').update(markdown, 'utf8').digest('hex');
}

type Handler = (notices: Map<string, NoticeView>, event: IncidentEvent) => void;

const HANDLERS: Record<string, Handler> = {
  'notice.drafted': (notices, event) => {
    const parsed = noticeDraftedSchema.safeParse(event.payload);
    if (!parsed.success || notices.has(parsed.data.noticeId)) return;
    const p = parsed.data;
    const by = displayActor(event.actor);
    notices.set(p.noticeId, {
      noticeId: p.noticeId, template: p.template, title: p.title, audience: p.audience, entity: p.entity,
      regime: p.regime ?? null, obligationId: p.obligationId ?? null, recipient: p.recipient,
      markdown: p.markdown, hash: hashOfText(p.markdown), blanks: findBlanks(p.markdown), status: 'draft',
      draftedBy: by, draftedAt: event.at, updatedAt: event.at, authors: [by],
      fourEyes: FOUR_EYES_AUDIENCES.includes(p.audience), approval: null, voidedApproval: null, sent: null,
      history: [{ seq: event.seq, at: event.at, actor: by, action: 'drafted', note: `for ${p.recipient}` }],
    });
  },
  'notice.edited': (notices, event) => {
    const parsed = noticeEditedSchema.safeParse(event.payload);
    const notice = parsed.success ? notices.get(parsed.data.noticeId) : undefined;
    if (!parsed.success || !notice || notice.sent) return;
    const by = displayActor(event.actor);
    if (notice.approval) notice.voidedApproval = { approver: notice.approval.approver, at: notice.approval.at };
    Object.assign(notice, { markdown: parsed.data.markdown, hash: hashOfText(parsed.data.markdown), blanks: findBlanks(parsed.data.markdown), approval: null, status: 'draft', updatedAt: event.at });
    if (!notice.authors.includes(by)) notice.authors.push(by);
    notice.history.push({ seq: event.seq, at: event.at, actor: by, action: 'edited', note: parsed.data.reason ?? null });
  },
  'notice.approved': (notices, event) => {
    const parsed = noticeApprovedSchema.safeParse(event.payload);
    const notice = parsed.success ? notices.get(parsed.data.noticeId) : undefined;
    if (!parsed.success || !notice || notice.sent || parsed.data.hashOfText !== notice.hash) return;
    notice.approval = { approver: parsed.data.approver, at: event.at, hash: parsed.data.hashOfText };
    Object.assign(notice, { status: 'approved', updatedAt: event.at, voidedApproval: null });
    notice.history.push({ seq: event.seq, at: event.at, actor: displayActor(event.actor), action: 'approved', note: `text ${parsed.data.hashOfText.slice(0, 12)}` });
  },
  'notice.sent': (notices, event) => {
    const parsed = noticeSentSchema.safeParse(event.payload);
    const notice = parsed.success ? notices.get(parsed.data.noticeId) : undefined;
    if (!parsed.success || !notice || notice.sent) return;
    const p = parsed.data;
    const by = displayActor(event.actor);
    notice.sent = { recipient: p.recipient, channel: p.channel, reference: p.reference ?? null, at: p.at, recordedBy: by, recordedAt: event.at, hash: p.hashOfText };
    Object.assign(notice, { status: 'sent', updatedAt: event.at });
    notice.history.push({ seq: event.seq, at: event.at, actor: by, action: 'sent', note: `to ${p.recipient} via ${p.channel}${p.reference ? ` (ref ${p.reference})` : ''}` });
  },
};

/**
 * The notices of an incident, in drafting order. Events that do not parse, or that break the lifecycle (an
 * approval of another text, a second sending), are skipped: the services refuse them before they are recorded.
 *
 * @example
 * projectNotices(log).filter((n) => n.status === 'sent').map((n) => n.sent?.reference); // ['ICO-2021-0042']
 */
export function projectNotices(events: readonly IncidentEvent[]): NoticeView[] {
  const notices = new Map<string, NoticeView>();
  for (const event of events) HANDLERS[event.type]?.(notices, event);
  return [...notices.values()];
}

/**
 * The next free notice id (`N-001`, `N-002`, ...).
 *
 * @example
 * nextNoticeId([]); // 'N-001'
 */
export function nextNoticeId(notices: readonly Pick<NoticeView, 'noticeId'>[]): string {
  const highest = notices.reduce((max, n) => Math.max(max, Number(n.noticeId.slice(2)) || 0), 0);
  return `N-${String(highest + 1).padStart(3, '0')}`;
}

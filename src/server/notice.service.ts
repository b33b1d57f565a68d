/**
 * Notices in the server: templates loaded from `content/notices/`, drafts filled from the incident, and the
 * lifecycle (edit, approve, send) recorded in the incident log. Each command reads the log and checks the
 * notice's rules inside the append transaction (the incident row is locked), so an edit cannot slip in between
 * the check of an approval and the record of a sending. Sending a notice that fulfils an obligation records the
 * obligation's filing in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/index.js';
import type { DraftNoticeInput, EditNoticeInput, SendNoticeInput } from '../contracts/notices.js';
import { recordEvents, type EventDraft, type IncidentEvent } from '../incident/index.js';
import {
  checkApproval,
  checkEdit,
  checkSend,
  defaultNoticeTemplateDir,
  loadNoticeTemplates,
  nextNoticeId,
  prepareNotice,
  projectNotices,
  templateSummary,
  type NoticeTemplate,
  type NoticeView,
  type ObligationFiled,
} from '../obligations/index.js';
import { OperationalError, UserError, type Issue } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';
import { BOARD_SUBJECT, incidentSubject, type IncidentService } from './incident.service.js';
import type { ObligationService } from './obligation.service.js';

/** How far in the future a sending time may be (clock skew between the sender's machine and the server). */
const FUTURE_SLACK_MS = 5 * 60_000;

type Built = { drafts: EventDraft[]; noticeId: string };

export class NoticeService {
  private templates: NoticeTemplate[] = [];
  private issues: Issue[] = [];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly incidents: IncidentService,
    private readonly obligations: ObligationService,
    private readonly now: () => Date,
    private readonly dir: string = defaultNoticeTemplateDir(),
  ) {}

  /** Loads the templates once (concurrent callers share the load; a failed load is tried again next time). */
  ready(): Promise<void> {
    this.loading ??= loadNoticeTemplates(this.dir, this.obligations.ruleIds()).then(
      (loaded) => {
        this.templates = loaded.templates;
        this.issues = loaded.issues;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw new OperationalError('notice_templates_unavailable', `cannot read the notice templates in ${this.dir}`, true, { cause: error });
      },
    );
    return this.loading;
  }

  async templateStatus() {
    await this.ready();
    return { dir: this.dir, templates: this.templates.map(templateSummary), issues: this.issues };
  }

  /** The incident's notices within the caller's entities, and the templates. */
  async list(principal: Principal, incidentId: string) {
    await this.ready();
    const events = await this.incidents.events(principal, incidentId);
    return { notices: projectNotices(events).filter((n) => inScope(principal, n.entity)), templates: this.templates.map(templateSummary) };
  }

  async get(principal: Principal, incidentId: string, noticeId: string): Promise<NoticeView> {
    const events = await this.incidents.events(principal, incidentId);
    return this.visible(principal, projectNotices(events), noticeId);
  }

  async draft(principal: Principal, incidentId: string, input: DraftNoticeInput & { exfiltration: 'confirmed' | 'suspected' | 'excluded' | 'unknown' }): Promise<NoticeView> {
    await this.ready();
    await this.incidents.require(principal, incidentId);
    const template = this.templates.find((t) => t.id === input.template);
    if (!template) {
      throw new UserError('validation_failed', `no notice template "${input.template}"`, [
        { field: 'body.template', message: 'unknown template', hint: `use one of: ${this.templates.map((t) => t.id).join(', ')}` },
      ]);
    }
    if (!inScope(principal, input.entity)) throw new UserError('forbidden', `${input.entity} is outside your entities`);
    const { view, events, estate } = await this.obligations.compute(principal, incidentId, { exfiltration: input.exfiltration, ransomware: true });
    const prepared = prepareNotice({
      template, entity: input.entity, events, estate, obligations: view.obligations, assessments: view.assessment,
      obligationId: input.obligationId, recipient: input.recipient, contact: input.contact,
      preparer: principal.displayName, exfiltration: input.exfiltration, now: this.now().toISOString(),
    });
    return this.command(principal, incidentId, (log) => {
      const noticeId = nextNoticeId(projectNotices(log));
      return { noticeId, drafts: [{ type: 'notice.drafted', payload: { noticeId, ...prepared.payload } }] };
    });
  }

  async edit(principal: Principal, incidentId: string, noticeId: string, input: EditNoticeInput): Promise<NoticeView> {
    return this.command(principal, incidentId, (log) => {
      const notice = this.visible(principal, projectNotices(log), noticeId);
      checkEdit(notice, input.markdown);
      return { noticeId, drafts: [{ type: 'notice.edited', payload: { noticeId, markdown: input.markdown, ...(input.reason ? { reason: input.reason } : {}) } }] };
    });
  }

  async approve(principal: Principal, incidentId: string, noticeId: string, hashOfText: string): Promise<NoticeView> {
    return this.command(principal, incidentId, (log) => {
      const notice = this.visible(principal, projectNotices(log), noticeId);
      checkApproval(notice, principal.username, hashOfText);
      return { noticeId, drafts: [{ type: 'notice.approved', payload: { noticeId, approver: principal.username, hashOfText } }] };
    });
  }

  async send(principal: Principal, incidentId: string, noticeId: string, input: SendNoticeInput) {
    const now = this.now();
    const at = input.at === undefined ? now.toISOString() : new Date(input.at).toISOString();
    if (Date.parse(at) > now.getTime() + FUTURE_SLACK_MS) {
      throw new UserError('validation_failed', 'the sending time is in the future', [{ field: 'body.at', message: `${at} is after now (${now.toISOString()})`, hint: 'record a notice as sent once it has gone out; leave `at` out for now' }]);
    }
    let filed: { ruleId: string; entity: string } | null = null;
    const notice = await this.command(principal, incidentId, (log) => {
      const current = this.visible(principal, projectNotices(log), noticeId);
      checkSend(current);
      const recipient = input.recipient ?? current.recipient;
      const sent = { noticeId, recipient, channel: input.channel, at, hashOfText: current.hash, ...(input.reference ? { reference: input.reference } : {}) };
      const drafts: EventDraft[] = [{ type: 'notice.sent', payload: sent }];
      if (current.obligationId !== null) {
        const filing: ObligationFiled = {
          ruleId: current.obligationId, entity: current.entity, recipient, at,
          document: { name: `${incidentId}-${noticeId}.md`, sha256: current.hash },
          note: `notice ${noticeId} (${current.title}) sent via ${input.channel}`,
        };
        if (input.reference) filing.reference = input.reference;
        drafts.push({ type: 'obligation.filed', payload: filing });
        filed = { ruleId: current.obligationId, entity: current.entity };
      }
      return { noticeId, drafts };
    });
    return { notice, filed };
  }

  /** A notice the caller may see (others answer 404, as incidents outside one's entities do). */
  private visible(principal: Principal, notices: readonly NoticeView[], noticeId: string): NoticeView {
    const notice = notices.find((n) => n.noticeId === noticeId);
    if (!notice || !inScope(principal, notice.entity)) throw new UserError('not_found', `no notice ${noticeId} in this incident`);
    return notice;
  }

  /** Builds drafts from the log inside the append transaction, records them, publishes them, returns the notice. */
  private async command(principal: Principal, incidentId: string, build: (log: readonly IncidentEvent[]) => Built): Promise<NoticeView> {
    await this.incidents.require(principal, incidentId);
    let noticeId = '';
    const result = await this.store.incidents.append(incidentId, async ({ summary, readLog }) => {
      const built = build(await readLog());
      noticeId = built.noticeId;
      return recordEvents(summary, built.drafts, { actor: `user:${principal.username}`, now: this.now(), newId: randomUUID });
    });
    await this.bus.publish(incidentSubject(incidentId), result);
    await this.bus.publish(BOARD_SUBJECT, result.summary);
    const notice = projectNotices(await this.store.incidents.events(incidentId)).find((n) => n.noticeId === noticeId);
    if (!notice) throw new Error(`notice ${noticeId} not found after recording it in ${incidentId}`);
    return notice;
  }
}

/**
 * Preparing a notice draft: the template filled from the incident for one entity, the obligation it fulfils
 * (named, or the first of the template's rules still open for the entity), the recipient and the blanks left.
 * Pure; the service allocates the notice id and records `notice.drafted`.
 */
import type { IncidentEvent } from '../incident/index.js';
import { UserError } from '../shared/errors.js';
import type { BreachAssessment, Exfiltration } from './assessment.types.js';
import type { ObligationEstate } from './exposure.js';
import { noticeFacts } from './notices.facts.js';
import { fillNotice } from './notices.fill.js';
import type { Blank } from './notices.placeholders.js';
import type { NoticeDrafted } from './notices.schema.js';
import type { NoticeTemplate } from './notices.template.js';
import type { ObligationView } from './obligation.types.js';

export interface NoticeDraftInput {
  template: NoticeTemplate;
  entity: string;
  events: readonly IncidentEvent[];
  estate: ObligationEstate;
  /** The incident's obligations (every entity; the entity's are picked). */
  obligations: readonly ObligationView[];
  assessments: readonly BreachAssessment[];
  obligationId?: string | undefined;
  recipient?: string | undefined;
  contact?: string | undefined;
  preparer: string;
  exfiltration: Exfiltration;
  now: string;
}

export interface PreparedNotice {
  payload: Omit<NoticeDrafted, 'noticeId'>;
  blanks: Blank[];
  obligation: ObligationView | undefined;
}

const OPEN = new Set(['not_started', 'running', 'due_soon', 'overdue']);

function chooseObligation(input: NoticeDraftInput): ObligationView | undefined {
  const { template, entity } = input;
  const views = input.obligations.filter((o) => o.entity === entity && template.rules.includes(o.ruleId));
  if (input.obligationId === undefined) return views.find((o) => OPEN.has(o.status));
  if (!template.rules.includes(input.obligationId)) {
    const hint = template.rules.length === 0 ? `template ${template.id} fulfils no obligation: leave obligationId out` : `use one of: ${template.rules.join(', ')}`;
    throw new UserError('validation_failed', `template ${template.id} does not fulfil ${input.obligationId}`, [{ field: 'body.obligationId', message: 'not one of the template\'s rules', hint }]);
  }
  const view = views.find((o) => o.ruleId === input.obligationId);
  if (!view || view.status === 'not_applicable') {
    throw new UserError('validation_failed', `${input.obligationId} does not apply to ${entity} in this incident`, [
      { field: 'body.obligationId', message: view?.reasons[0] ?? 'no such obligation for this entity', hint: 'draft it without obligationId (a voluntary notice), or for the entity the obligation concerns' },
    ]);
  }
  return view;
}

/**
 * @example
 * const { payload, blanks } = prepareNotice({ template, entity: 'hik-hd', events, estate, obligations, assessments, preparer: 'Ana', exfiltration: 'suspected', now });
 */
export function prepareNotice(input: NoticeDraftInput): PreparedNotice {
  const { template, entity } = input;
  if (!input.estate.entities.some((e) => e.id === entity)) {
    throw new UserError('validation_failed', `no entity "${entity}" in the estate`, [{ field: 'body.entity', message: 'unknown entity', hint: 'use an entity id from GET /api/estate/entities' }]);
  }
  const obligation = chooseObligation(input);
  const assessment = input.assessments.find((a) => a.entity === entity && template.regimes.includes(a.regime));
  const recipient = input.recipient?.trim() || template.recipient;
  const facts = noticeFacts({
    events: input.events, estate: input.estate, entity, regimes: template.regimes, assessment, obligation,
    recipient, contact: input.contact, preparer: input.preparer, exfiltration: input.exfiltration, now: input.now,
  });
  const { markdown, blanks } = fillNotice(template, facts);
  const regime = template.regimes[0] ?? obligation?.regime;
  const payload: Omit<NoticeDrafted, 'noticeId'> = { template: template.id, title: template.title, audience: template.audience, entity, recipient, markdown };
  if (regime !== undefined) payload.regime = regime;
  if (obligation) payload.obligationId = obligation.ruleId;
  return { payload, blanks, obligation };
}

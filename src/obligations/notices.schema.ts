/**
 * Notices (communications) as data: the front matter of a notice template (`content/notices/*.md`) and the
 * payloads of the notice lifecycle events (`notice.drafted`, `notice.edited`, `notice.approved`,
 * `notice.sent`). Pure; the types derive from the schemas.
 */
import { z } from 'zod';
import { ruleIdSchema, sourceSchema } from './pack.schema.js';

/**
 * Who a notice is for. The four-eyes rule (`FOUR_EYES_AUDIENCES`) applies to the notices with legal effect:
 * filings with authorities and the police, and the notices the law requires to individuals.
 */
export const NOTICE_AUDIENCES = ['regulator', 'law_enforcement', 'data_subjects', 'customers', 'partners'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

/** Audiences whose notices must be approved by someone who did not write the approved text. */
export const FOUR_EYES_AUDIENCES: readonly NoticeAudience[] = ['regulator', 'law_enforcement', 'data_subjects'];

/** The longest notice text accepted (characters): a regulator notice with annexes fits, a dump does not. */
export const NOTICE_TEXT_LIMIT = 60_000;

const idSchema = z.string().regex(/^[a-z][a-z0-9-]{1,79}$/, 'expected a lower-case id such as eu-gdpr-33');
const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a calendar date');
const text = z.string().trim().min(1, 'must not be empty');

/** The YAML front matter of a notice template. */
export const noticeTemplateMetaSchema = z
  .object({
    format: z.literal(1),
    id: idSchema,
    title: text.max(200),
    audience: z.enum(NOTICE_AUDIENCES),
    /** The recipient named when a notice is drafted (the drafter may change it). */
    recipient: text.max(300),
    /** Determination keys (`gdpr`, `uk-gdpr`, `appi`, ...) whose assessment and determination fill the notice. */
    regimes: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,79}$/, 'expected a key such as uk-gdpr')).default([]),
    /** Obligation rules of the pack that this notice fulfils when it is sent (its filing). */
    rules: z.array(ruleIdSchema).default([]),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language tag such as en or ja').default('en'),
    description: text.max(1000).optional(),
    source: sourceSchema,
    checked: dateSchema,
    notes: z.array(text).default([]),
  })
  .strict();
export type NoticeTemplateMeta = z.output<typeof noticeTemplateMetaSchema>;

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected the lower-case hex sha256 of the text');
const markdownSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(NOTICE_TEXT_LIMIT, `must be at most ${NOTICE_TEXT_LIMIT} characters`)
  .refine((value) => value.trim().length > 0, 'must not be blank');
const noticeIdSchema = z.string().regex(/^N-\d{3,}$/, 'expected a notice id such as N-001');
const isoTime = z.iso.datetime({ offset: true });

export const noticeDraftedSchema = z.object({
  noticeId: noticeIdSchema,
  template: idSchema,
  title: text.max(200),
  audience: z.enum(NOTICE_AUDIENCES),
  entity: text,
  regime: text.optional(),
  /** The obligation rule this notice fulfils (recorded as its filing when sent). */
  obligationId: ruleIdSchema.optional(),
  recipient: text.max(300),
  markdown: markdownSchema,
});
export type NoticeDrafted = z.output<typeof noticeDraftedSchema>;

export const noticeEditedSchema = z.object({
  noticeId: noticeIdSchema,
  markdown: markdownSchema,
  reason: text.max(2000).optional(),
});
export type NoticeEdited = z.output<typeof noticeEditedSchema>;

export const noticeApprovedSchema = z.object({
  noticeId: noticeIdSchema,
  /** The username of the approver (who is logged in: approvals are not recorded on someone's behalf). */
  approver: text,
  hashOfText: hashSchema,
});
export type NoticeApproved = z.output<typeof noticeApprovedSchema>;

export const noticeSentSchema = z.object({
  noticeId: noticeIdSchema,
  recipient: text.max(300),
  /** How it went: "ICO web form", "e-mail to the DPA", "TDnet", "in person at the police station". */
  channel: text.max(200),
  reference: text.max(300).optional(),
  /** When it was sent (recording may come later). */
  at: isoTime,
  /** The sha256 of the text sent (the approved text). */
  hashOfText: hashSchema,
});
export type NoticeSent = z.output<typeof noticeSentSchema>;

export const NOTICE_EVENT_SCHEMAS = {
  'notice.drafted': noticeDraftedSchema,
  'notice.edited': noticeEditedSchema,
  'notice.approved': noticeApprovedSchema,
  'notice.sent': noticeSentSchema,
} as const;
export type NoticeEventType = keyof typeof NOTICE_EVENT_SCHEMAS;

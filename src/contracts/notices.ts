/**
 * Notices API contract (`/api/incidents/:id/notices`, `/api/notices/templates`): requests and answers shared by
 * the server, the CLI and the web UI. Zod only (the web UI imports it).
 */
import { z } from 'zod';

export const NOTICE_AUDIENCE_VALUES = ['regulator', 'law_enforcement', 'data_subjects', 'customers', 'partners'] as const;
/** The longest notice text accepted (characters); the domain's `NOTICE_TEXT_LIMIT` is the same. */
export const NOTICE_TEXT_MAX = 60_000;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const idSchema = z.string().regex(/^[a-z][a-z0-9-]{1,79}$/, 'expected a lower-case id such as eu-gdpr-33');

export const noticeParamsSchema = z.object({
  id: z.string().regex(/^INC-\d{4,}$/, 'expected an incident id such as INC-0001'),
  noticeId: z.string().regex(/^N-\d{3,}$/, 'expected a notice id such as N-001'),
});

/** `POST /api/incidents/:id/notices`: draft a notice from a template for one entity. */
export const draftNoticeSchema = z.object({
  template: idSchema,
  entity: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected an entity id such as hik-uk'),
  /** The obligation rule this notice fulfils; default: the first of the template's rules still open for the entity. */
  obligationId: idSchema.optional(),
  recipient: text(300).optional(),
  /** The contact point (DPO or other): name, role, e-mail, telephone. */
  contact: text(1000).optional(),
  /** Whether data left the organisation, for the notice's wording. */
  exfiltration: z.enum(['confirmed', 'suspected', 'excluded', 'unknown']).default('unknown'),
});
export type DraftNoticeInput = z.input<typeof draftNoticeSchema>;

const markdownSchema = z
  .string()
  .max(NOTICE_TEXT_MAX, `must be at most ${NOTICE_TEXT_MAX} characters`)
  .refine((value) => value.trim().length > 0, 'must not be empty');

/** `PATCH /api/incidents/:id/notices/:noticeId`: replace the text (voids an approval). */
export const editNoticeSchema = z.object({ markdown: markdownSchema, reason: text(2000).optional() });
export type EditNoticeInput = z.input<typeof editNoticeSchema>;

/** `POST .../approve`: the approver names the text read (its sha256, the notice's `hash`). */
export const approveNoticeSchema = z.object({
  hashOfText: z.string().regex(/^[0-9a-f]{64}$/, 'expected the sha256 of the text, as the notice\'s "hash" gives it'),
});
export type ApproveNoticeInput = z.input<typeof approveNoticeSchema>;

/** `POST .../send`: record that the approved notice went out. */
export const sendNoticeSchema = z.object({
  /** Default: the notice's recipient. */
  recipient: text(300).optional(),
  channel: text(200),
  reference: text(300).optional(),
  /** When it was sent; default now; not in the future. */
  at: z.iso.datetime({ offset: true, error: 'expected an ISO-8601 date-time such as 2021-06-03T10:00:00Z' }).optional(),
});
export type SendNoticeInput = z.input<typeof sendNoticeSchema>;

export const noticeViewSchema = z.object({
  noticeId: z.string(),
  template: z.string(),
  title: z.string(),
  audience: z.enum(NOTICE_AUDIENCE_VALUES),
  entity: z.string(),
  regime: z.string().nullable(),
  obligationId: z.string().nullable(),
  recipient: z.string(),
  markdown: z.string(),
  hash: z.string(),
  blanks: z.array(z.object({ line: z.number().int(), text: z.string() })),
  status: z.enum(['draft', 'approved', 'sent']),
  draftedBy: z.string(),
  draftedAt: z.string(),
  updatedAt: z.string(),
  authors: z.array(z.string()),
  fourEyes: z.boolean(),
  approval: z.object({ approver: z.string(), at: z.string(), hash: z.string() }).nullable(),
  voidedApproval: z.object({ approver: z.string(), at: z.string() }).nullable(),
  sent: z
    .object({ recipient: z.string(), channel: z.string(), reference: z.string().nullable(), at: z.string(), recordedBy: z.string(), recordedAt: z.string(), hash: z.string() })
    .nullable(),
  history: z.array(z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.enum(['drafted', 'edited', 'approved', 'sent']), note: z.string().nullable() })),
});
export type NoticeViewAnswer = z.infer<typeof noticeViewSchema>;

export const noticeTemplateSchema = z.object({
  id: z.string(),
  title: z.string(),
  audience: z.enum(NOTICE_AUDIENCE_VALUES),
  recipient: z.string(),
  regimes: z.array(z.string()),
  rules: z.array(z.string()),
  language: z.string(),
  description: z.string().optional(),
  source: z.object({ citation: z.string(), urls: z.array(z.string()) }),
  checked: z.string(),
  notes: z.array(z.string()),
  file: z.string(),
  placeholders: z.array(z.string()),
});
export type NoticeTemplateAnswer = z.infer<typeof noticeTemplateSchema>;

/** `GET /api/incidents/:id/notices`: the incident's notices the caller may see, and the templates. */
export const noticeListSchema = z.object({ notices: z.array(noticeViewSchema), templates: z.array(noticeTemplateSchema) });

/** `POST .../send`: the notice, and the obligation filing recorded with it (when the notice fulfils one). */
export const noticeSentAnswerSchema = z.object({ notice: noticeViewSchema, filed: z.object({ ruleId: z.string(), entity: z.string() }).nullable() });

const issueSchema = z.object({ file: z.string().optional(), line: z.number().int().optional(), column: z.number().int().optional(), field: z.string().optional(), message: z.string(), hint: z.string().optional() });

/** `GET /api/notices/templates`. */
export const noticeTemplatesAnswerSchema = z.object({ dir: z.string(), templates: z.array(noticeTemplateSchema), issues: z.array(issueSchema) });

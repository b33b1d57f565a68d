/**
 * Obligations API contract: the per-incident view (clocks per entity and rule, alerts, proposed determinations,
 * the decision log) and what `POST /api/incidents/:id/records` accepts. Zod only, so the web UI can import it;
 * the response shapes are checked against the domain types below, so a change on the server breaks this build.
 */
import { z } from 'zod';

export const OBLIGATION_RECORD_TYPES = ['breach.determined', 'incident.classified', 'obligation.filed', 'ransom.paid', 'decision.recorded'] as const;
export type ObligationRecordType = (typeof OBLIGATION_RECORD_TYPES)[number];

/** The body of `POST /api/incidents/:id/records`: the payload is checked against the event type's schema. */
export const recordRequestSchema = z.object({ type: z.enum(OBLIGATION_RECORD_TYPES), payload: z.record(z.string(), z.unknown()) });
export type RecordRequest = z.infer<typeof recordRequestSchema>;

/** What the breach assessment is told about the incident (query of `GET /api/incidents/:id/obligations`). */
export const factsQuerySchema = z.object({
  exfiltration: z.enum(['confirmed', 'suspected', 'excluded', 'unknown']).default('unknown'),
  ransomware: z.enum(['true', 'false']).default('true'),
  backups: z.enum(['restored', 'available', 'unavailable', 'unknown']).default('unknown'),
  keysCompromised: z.enum(['true', 'false']).default('false'),
});

const statusSchema = z.enum(['not_applicable', 'not_required', 'not_started', 'running', 'due_soon', 'overdue', 'filed']);
const decisionSchema = z.enum(['notifiable', 'not_notifiable', 'undetermined']);

const filingSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  recipient: z.string(),
  reference: z.string().nullable(),
  document: z.object({ name: z.string(), sha256: z.string().optional(), uri: z.string().optional() }).nullable(),
  recordedBy: z.string(),
});

export const obligationViewSchema = z.object({
  entity: z.string(),
  ruleId: z.string(),
  title: z.string(),
  regime: z.string(),
  jurisdiction: z.string(),
  recipient: z.object({ kind: z.string(), name: z.string() }),
  applicable: z.boolean(),
  status: statusSchema,
  reasons: z.array(z.string()),
  provisional: z.boolean(),
  startedAt: z.string().nullable(),
  deadline: z.string().nullable(),
  deadlineLocal: z.string().nullable(),
  timeZone: z.string(),
  timeLeftMs: z.number().nullable(),
  promptly: z.string().nullable(),
  basis: z.enum(['law', 'guidance']),
  anchors: z.array(z.object({ from: z.string(), rule: z.string().optional(), at: z.string().nullable(), after: z.string().nullable(), deadline: z.string().nullable(), note: z.string() })),
  filings: z.array(filingSchema),
  filedLate: z.boolean().nullable(),
  chain: z.object({ after: z.array(z.string()), next: z.array(z.string()) }),
  alert: z.enum(['due_soon', 'overdue']).nullable(),
  warnings: z.array(z.string()),
  rule: z.object({
    content: z.array(z.string()),
    source: z.object({ citation: z.string(), urls: z.array(z.string()) }),
    checked: z.string(),
    notes: z.array(z.string()),
    unverified: z.array(z.string()).optional(),
  }),
});

export const obligationAlertSchema = z.object({
  entity: z.string(),
  ruleId: z.string(),
  level: z.enum(['due_soon', 'overdue']),
  deadline: z.string(),
  deadlineLocal: z.string(),
  timeLeftMs: z.number(),
  provisional: z.boolean(),
  message: z.string(),
});

export const breachAssessmentSchema = z.object({
  entity: z.string(),
  regime: z.string(),
  regimeName: z.string(),
  proposal: decisionSchema,
  reasoning: z.array(z.string()),
  records: z.number(),
  categories: z.array(z.string()),
  subjectCountries: z.array(z.string()),
  dataStores: z.array(
    z.object({ id: z.string(), name: z.string(), host: z.string(), hostState: z.enum(['in_scope', 'suspected']), categories: z.array(z.string()), records: z.number(), subjectCountries: z.array(z.string()), encryptedAtRest: z.boolean() }),
  ),
});

const noteSchema = z.object({ topic: z.enum(['sanctions', 'law_enforcement', 'legal', 'insurance', 'other']), text: z.string() });

export const decisionLogSchema = z.object({
  decisions: z.array(
    z.object({ seq: z.number().int(), at: z.string(), recordedBy: z.string(), kind: z.enum(['ransom', 'shutdown', 'disclosure', 'other']), decision: z.string(), rationale: z.string(), approvers: z.array(z.string()), notes: z.array(noteSchema), entities: z.array(z.string()) }),
  ),
  payments: z.array(
    z.object({ seq: z.number().int(), at: z.string(), recordedBy: z.string(), entity: z.string().nullable(), amount: z.number().nullable(), currency: z.string().nullable(), paidBy: z.string().nullable() }),
  ),
});

/** A determination recorded for an entity and regime, as the view shows it beside the proposal. */
export const determinationViewSchema = z.object({
  entity: z.string(),
  regime: z.string(),
  decision: decisionSchema,
  by: z.string(),
  at: z.string(),
  recordedBy: z.string(),
  proposed: decisionSchema.nullable(),
  reasoning: z.array(z.string()),
  affectedPersons: z.number().nullable(),
});

/** `GET /api/incidents/:id/obligations`. */
export const obligationsAnswerSchema = z.object({
  now: z.string(),
  obligations: z.array(obligationViewSchema),
  alerts: z.array(obligationAlertSchema),
  assessment: z.array(breachAssessmentSchema),
  determinations: z.array(determinationViewSchema),
  decisions: decisionLogSchema,
  state: z.string(),
  pack: z.object({ rules: z.number().int(), issues: z.number().int() }),
});
export type ObligationsAnswer = z.infer<typeof obligationsAnswerSchema>;

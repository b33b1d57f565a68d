/**
 * The incident events of this capability and their payloads: breach determinations, classifications,
 * ransom payments, filings and executive decisions. They are recorded with `recordEvents` once
 * `registerObligationEventTypes()` has run; the same schemas read them back for the clocks.
 */
import { z } from 'zod';

export const BREACH_DECISIONS = ['notifiable', 'not_notifiable', 'undetermined'] as const;
export type BreachDecision = (typeof BREACH_DECISIONS)[number];

export const DECISION_KINDS = ['ransom', 'shutdown', 'disclosure', 'other'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const NOTE_TOPICS = ['sanctions', 'law_enforcement', 'legal', 'insurance', 'other'] as const;

const isoTime = z.iso.datetime({ offset: true });
const text = z.string().trim().min(1);

/** A named person's decision on one entity and regime (a determination key such as `uk-gdpr`). */
export const breachDeterminedSchema = z.object({
  entity: text,
  regime: text,
  decision: z.enum(BREACH_DECISIONS),
  reasoning: z.array(text).min(1),
  /** The person who decided (not the one who typed it in, who is the event's actor). */
  by: text,
  /** What the assessment proposed; a different `decision` is an override. */
  proposed: z.enum(BREACH_DECISIONS).optional(),
  /** When the determination was made, if earlier than it was recorded. */
  determinedAt: isoTime.optional(),
  affectedPersons: z.number().int().nonnegative().optional(),
});
export type BreachDetermined = z.output<typeof breachDeterminedSchema>;

/** An incident classified under a regime: DORA `major`, NIS2 `significant`, APPI `wrongful-purpose`. */
export const incidentClassifiedSchema = z.object({
  regime: text,
  classification: text,
  at: isoTime,
  /** Only this entity; absent: every entity of the incident. */
  entity: text.optional(),
  by: text.optional(),
  rationale: text.optional(),
});
export type IncidentClassified = z.output<typeof incidentClassifiedSchema>;

/** A ransom paid by the entity or on its behalf (e.g. by an insurer). */
export const ransomPaidSchema = z.object({
  at: isoTime,
  entity: text.optional(),
  amount: z.number().positive().optional(),
  currency: text.optional(),
  paidBy: text.optional(),
  reference: text.optional(),
});
export type RansomPaid = z.output<typeof ransomPaidSchema>;

export const filedDocumentSchema = z.object({
  name: text,
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex sha256')
    .optional(),
  uri: text.optional(),
});

/** A notice or report filed with (or sent to) its recipient. */
export const obligationFiledSchema = z.object({
  ruleId: text,
  entity: text,
  recipient: text,
  /** When it was filed (recording may come later). */
  at: isoTime,
  reference: text.optional(),
  document: filedDocumentSchema.optional(),
  note: text.optional(),
});
export type ObligationFiled = z.output<typeof obligationFiledSchema>;

export const decisionNoteSchema = z.object({ topic: z.enum(NOTE_TOPICS), text });

/** An executive decision for the decision log. A ransom decision must carry a sanctions-screening note. */
export const decisionRecordedSchema = z
  .object({
    kind: z.enum(DECISION_KINDS),
    decision: text,
    rationale: text,
    approvers: z.array(text).min(1),
    notes: z.array(decisionNoteSchema).default([]),
    entities: z.array(text).default([]),
    decidedAt: isoTime.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'ransom' && !value.notes.some((note) => note.topic === 'sanctions')) {
      ctx.addIssue({
        code: 'custom',
        path: ['notes'],
        message: 'a ransom decision needs a sanctions-screening note (topic: sanctions); see OFAC_SANCTIONS_NOTE',
      });
    }
  });
export type DecisionRecorded = z.output<typeof decisionRecordedSchema>;

/** The event types this capability registers, with their payload schemas. */
export const OBLIGATION_EVENT_SCHEMAS = {
  'breach.determined': breachDeterminedSchema,
  'incident.classified': incidentClassifiedSchema,
  'ransom.paid': ransomPaidSchema,
  'obligation.filed': obligationFiledSchema,
  'decision.recorded': decisionRecordedSchema,
} as const;
export type ObligationEventType = keyof typeof OBLIGATION_EVENT_SCHEMAS;

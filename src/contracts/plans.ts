/**
 * Containment plan API contract: requests (validated on the server, built by the CLI and the UI) and the shapes
 * of the answers. A plan is asked for as `{ kind, target }` or by the key of a suggestion.
 */
import { z } from 'zod';
import { planIdSchema, planRequestSchema, PLAN_STATUSES } from '../respond/index.js';

export { planRequestSchema };

export const planParamsSchema = z.object({
  id: z.string().regex(/^INC-\d{4,}$/, 'expected an incident id such as INC-0001'),
  planId: planIdSchema,
});

const reason = z.string().trim().min(1, 'say why').max(2000);

/** `{ suggestion: 'shutdown_region:emea' }` or `{ kind, target }`. */
export const createPlanSchema = z.union([
  z.object({ suggestion: z.string().trim().min(1).max(300) }).strict(),
  planRequestSchema,
]);
export type CreatePlanInput = z.output<typeof createPlanSchema>;

export const approvePlanSchema = z.object({ comment: reason.optional() }).strict();
export const rejectPlanSchema = z.object({ reason }).strict();
export const breakGlassSchema = z.object({ reason }).strict();
export const cancelPlanSchema = z.object({ reason: reason.optional() }).strict();
export const rollbackPlanSchema = z
  .object({ reason: reason.optional(), actionIds: z.array(z.string().min(1).max(200)).min(1).max(100_000).optional() })
  .strict();

const requirementSchema = z.object({
  name: z.string(),
  needs: z.string(),
  satisfied: z.boolean(),
  by: z.string().nullable(),
  approvedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  why: z.string().nullable(),
});

export const evaluationSchema = z.looseObject({
  outcome: z.string(),
  satisfied: z.boolean(),
  rule: z.string().nullable(),
  requirements: z.array(z.looseObject(requirementSchema.shape)),
  summary: z.string(),
});

/** A plan as listed (no action list: large plans carry thousands). */
export const planSummarySchema = z.looseObject({
  incidentId: z.string(),
  planId: z.string(),
  status: z.enum(PLAN_STATUSES),
  kind: z.string(),
  title: z.string(),
  rationale: z.string(),
  entities: z.array(z.string()),
  regions: z.array(z.string()),
  requestedBy: z.string(),
  requestedAt: z.string(),
  actionCount: z.number().int(),
  impact: z.looseObject({ hostsAffected: z.number() }),
  evaluation: evaluationSchema.nullable(),
});

/** One plan: the summary plus its actions and, once it runs, the executor's records of them. */
export const planDetailSchema = planSummarySchema.extend({
  actions: z.array(z.looseObject({ id: z.string(), label: z.string() })),
  execution: z.looseObject({ total: z.number().int(), byState: z.record(z.string(), z.number()) }).nullable(),
});

export const planListSchema = z.object({ items: z.array(planSummarySchema) });

export const suggestionListSchema = z.object({
  suggestions: z.array(z.looseObject({ key: z.string(), request: z.unknown(), plan: z.looseObject({ title: z.string() }), evaluation: evaluationSchema.nullable() })),
  notes: z.array(z.string()),
});

/** Incident API contract: the domain's input schemas plus query and response shapes. */
import { z } from 'zod';
import { csvListSchema, pageSchema, pagingQuerySchema } from './common.js';

export { appendInputSchema, openIncidentInputSchema } from '../incident/input.schema.js';

export const incidentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  state: z.string(),
  severity: z.string(),
  entities: z.array(z.string()),
  commander: z.string().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  lastSeq: z.number().int(),
  lastHash: z.string(),
});

export const incidentPageSchema = pageSchema(incidentSummarySchema);

export const incidentQuerySchema = pagingQuerySchema.extend({
  state: csvListSchema.optional(),
  severity: csvListSchema.optional(),
  entity: csvListSchema.optional(),
  q: z.string().max(200).optional(),
});

export const incidentEventSchema = z.object({
  incidentId: z.string(),
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  type: z.string(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const incidentIdParamsSchema = z.object({ id: z.string().regex(/^INC-\d{4,}$/, 'expected an incident id such as INC-0001') });

export const eventsQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() });

export const appendResultSchema = z.object({ events: z.array(incidentEventSchema), summary: incidentSummarySchema });

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  incidents: z.array(
    z.object({
      incidentId: z.string(),
      ok: z.boolean(),
      count: z.number().int(),
      firstBad: z.object({ seq: z.number().int(), id: z.string(), reason: z.string(), message: z.string() }).optional(),
    }),
  ),
});

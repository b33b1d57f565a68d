/**
 * API contract for enrolling many agents at once: one token per host in one request (rolling agents out to a
 * site, or a simulated fleet for exercises and benchmarks), and many enrolments in one request, each still
 * authenticated by its own one-time token. At most 1,000 per request.
 */
import { z } from 'zod';
import { enrolRequestSchema, enrolResponseSchema } from '../agent/protocol/messages.js';
import { createEnrolmentTokenSchema, createdEnrolmentTokenSchema } from './agents.js';

export const MAX_BATCH = 1000;

export const createEnrolmentTokensSchema = z
  .object({
    hosts: z
      .array(z.string().min(1).max(255))
      .min(1)
      .max(MAX_BATCH)
      .refine((hosts) => new Set(hosts).size === hosts.length, 'each host at most once'),
    expires: createEnrolmentTokenSchema.shape.expires,
  })
  .strict();

export const createdEnrolmentTokensSchema = z.object({ items: z.array(createdEnrolmentTokenSchema) });

export const enrolBatchSchema = z.object({ enrolments: z.array(enrolRequestSchema).min(1).max(MAX_BATCH) }).strict();

export const enrolBatchResultSchema = z.object({
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), enrolment: enrolResponseSchema }),
      z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }) }),
    ]),
  ),
});
export type EnrolBatchResult = z.infer<typeof enrolBatchResultSchema>;

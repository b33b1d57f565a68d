/** Intake and alerts API contract. */
import { z } from 'zod';
import { alertLevelSchema } from '../intake/index.js';
import { pagingQuerySchema } from './common.js';

export const declaredSourceSchema = z.object({ product: z.string().max(80).optional(), category: z.string().max(80).optional(), service: z.string().max(80).optional() });

export const ingestEventsSchema = z.object({
  events: z.array(z.unknown()).max(50_000),
  /** The log source of these events, when known (e.g. a proxy or Zeek feed). */
  source: declaredSourceSchema.optional(),
});

export const ingestResultSchema = z.object({
  events: z.number().int(),
  matches: z.number().int(),
  alerts: z.number().int(),
  unassigned: z.number().int(),
  incidents: z.array(z.object({ id: z.string(), opened: z.boolean(), alerts: z.number().int() })),
  skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })).default([]),
});
export type IngestResultView = z.infer<typeof ingestResultSchema>;

/** Where to find each alert field in another tool's JSON (dotted paths); defaults cover common layouts. */
export const alertMappingSchema = z.object({
  id: z.string().max(200).default('id'),
  title: z.string().max(200).default('title'),
  level: z.string().max(200).default('severity'),
  host: z.string().max(200).default('host'),
  time: z.string().max(200).default('time'),
  author: z.string().max(200).default('source'),
  tags: z.string().max(200).default('tags'),
});

export const ingestAlertsSchema = z.object({
  /** Name of the sending tool, shown as the rule author when the alert names none. */
  tool: z.string().min(1).max(100),
  alerts: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000),
  mapping: alertMappingSchema.default({ id: 'id', title: 'title', level: 'severity', host: 'host', time: 'time', author: 'source', tags: 'tags' }),
});

export const alertQuerySchema = pagingQuerySchema.extend({
  incident: z.string().regex(/^INC-\d{4,}$/).optional(),
  level: alertLevelSchema.optional(),
});

/** Files uploaded to the hunt page: text, or base64 for gzip. */
export const huntRequestSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(500), content: z.string(), encoding: z.enum(['utf8', 'base64']).default('utf8') }))
    .min(1)
    .max(50),
  max: z.number().int().min(1).max(5000).default(500),
});

export const huntResultSchema = z.object({
  events: z.number().int(),
  total: z.number().int(),
  matches: z.array(z.record(z.string(), z.unknown())),
  byRule: z.array(z.object({ id: z.string(), title: z.string(), level: z.string(), author: z.string(), count: z.number().int() })),
  skipped: z.array(z.object({ file: z.string(), line: z.number().int(), reason: z.string() })),
});

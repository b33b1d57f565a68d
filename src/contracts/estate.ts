/** Estate API contract. Records themselves use the estate schemas (src/estate/schema.ts). */
import { z } from 'zod';
import { criticalitySchema, entitySchema, hostSchema } from '../estate/schema.js';
import { csvListSchema, pageSchema, pagingQuerySchema } from './common.js';

export const estateSummarySchema = z.object({
  regions: z.number().int(),
  entities: z.number().int(),
  sites: z.number().int(),
  segments: z.number().int(),
  links: z.number().int(),
  hosts: z.number().int(),
  services: z.number().int(),
  dataStores: z.number().int(),
  hostsByCriticality: z.record(z.string(), z.number().int()),
  entitiesByRegion: z.record(z.string(), z.number().int()),
  /** True when the caller sees only part of the estate (entity-scoped role). */
  scoped: z.boolean(),
  revision: z.number().int(),
});
export type EstateSummaryView = z.infer<typeof estateSummarySchema>;

export const entityListSchema = z.object({ items: z.array(entitySchema) });

export const hostQuerySchema = pagingQuerySchema.extend({
  entity: csvListSchema.optional(),
  segment: z.string().max(80).optional(),
  criticality: csvListSchema.pipe(z.array(criticalitySchema)).optional(),
  role: z.string().max(80).optional(),
  q: z.string().max(200).optional(),
});

export const hostPageSchema = pageSchema(hostSchema);

export const importRequestSchema = z.object({
  /** The file's text: YAML, JSON or CSV (hosts). */
  content: z.string().min(1),
  /** The file's name, used in error messages and to pick the format. */
  filename: z.string().min(1).max(500),
  format: z.enum(['yaml', 'json', 'csv']).optional(),
  /** Check only: report problems and counts, write nothing. */
  dryRun: z.boolean().default(false),
});

export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  dryRun: z.boolean(),
  counts: z.record(z.string(), z.number().int()),
  revision: z.number().int(),
});

export const blastRadiusRequestSchema = z.object({
  hosts: z.array(z.string().min(1).max(80)).min(1).max(10_000),
});

export const isolationRequestSchema = z
  .object({
    hosts: z.array(z.string().min(1).max(80)).max(100_000).default([]),
    segments: z.array(z.string().min(1).max(80)).max(10_000).default([]),
    entities: z.array(z.string().min(1).max(80)).max(1_000).default([]),
    regions: z.array(z.string().min(1).max(80)).max(100).default([]),
  })
  .refine((r) => r.hosts.length + r.segments.length + r.entities.length + r.regions.length > 0, {
    message: 'name at least one host, segment, entity or region to isolate',
  });

export const exportQuerySchema = z.object({ format: z.enum(['yaml', 'json']).default('yaml') });

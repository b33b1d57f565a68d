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
  /** Rule matches, correlations and indicator hits (each counted once per event and rule or indicator). */
  matches: z.number().int(),
  /** Of which: correlation alerts and indicator hits. */
  correlations: z.number().int().default(0),
  indicators: z.number().int().default(0),
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
  /** Indicator files (STIX, MISP, CSV) to match besides the server's loaded indicator sets. */
  indicators: z
    .array(z.object({ name: z.string().min(1).max(500), content: z.string(), encoding: z.enum(['utf8', 'base64']).default('utf8') }))
    .max(20)
    .default([]),
});

export const huntResultSchema = z.object({
  events: z.number().int(),
  total: z.number().int(),
  matches: z.array(z.record(z.string(), z.unknown())),
  byRule: z.array(z.object({ id: z.string(), title: z.string(), level: z.string(), author: z.string(), count: z.number().int() })),
  skipped: z.array(z.object({ file: z.string(), line: z.number().int(), reason: z.string() })),
  /** Indicators matched (loaded sets and uploaded files) and the uploaded entries that could not be read. */
  indicators: z.object({ loaded: z.number().int(), uploaded: z.number().int(), problems: z.array(z.object({ file: z.string(), line: z.number().int(), reason: z.string() })) }).default({ loaded: 0, uploaded: 0, problems: [] }),
});

/** Indicator set names: short slugs, used in URLs and shown on alerts. */
export const indicatorSetNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'use 1-80 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** Largest indicator set accepted, as text after base64 decoding and gunzip. */
export const MAX_INDICATOR_SET_BYTES = 32 * 1024 * 1024;

/** An indicator set to create or replace: a STIX 2.1 bundle, a MISP event (or list of events), or a CSV list. */
export const indicatorUploadSchema = z.object({
  name: indicatorSetNameSchema,
  /** The file's text, or base64 (of the file or of its gzip). */
  content: z.string().min(1),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  /** Guessed from `filename` and the content's shape when absent. */
  format: z.enum(['stix', 'misp', 'csv']).optional(),
  filename: z.string().max(500).optional(),
  description: z.string().max(2000).optional(),
  /** The level its hits are raised at; without it, from each indicator's confidence (none or 50+: high). */
  level: alertLevelSchema.optional(),
  /** MISP: also read attributes whose to_ids flag is off. */
  includeNonIds: z.boolean().default(false),
  /** Refuse the whole set when any entry cannot be read (by default such entries are skipped and listed). */
  strict: z.boolean().default(false),
});
export type IndicatorUpload = z.infer<typeof indicatorUploadSchema>;

const issueViewSchema = z.object({
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
});

export const indicatorSetSchema = z.object({
  name: z.string(),
  /** `config`: loaded at start from FIREBREAK_IOC (read-only); `upload`: sent through the API. */
  origin: z.enum(['config', 'upload']),
  format: z.enum(['stix', 'misp', 'csv']).nullable(),
  /** The path (config) or the uploaded file's name. */
  source: z.string().nullable(),
  description: z.string().nullable(),
  level: alertLevelSchema.nullable(),
  indicators: z.number().int(),
  byType: z.record(z.string(), z.number().int()),
  problemCount: z.number().int(),
  bytes: z.number().int().nullable(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string().nullable(),
});
export type IndicatorSetView = z.infer<typeof indicatorSetSchema>;

export const indicatorSetListSchema = z.object({ items: z.array(indicatorSetSchema), total: z.number().int() });

export const indicatorUploadResultSchema = z.object({
  set: indicatorSetSchema,
  /** False when a set of that name was replaced. */
  created: z.boolean(),
  /** Entries that could not be read and were skipped (the first 100), located by line or JSON path. */
  problems: z.array(issueViewSchema),
});

/**
 * Response shapes for the routes whose contract is a domain type rather than a zod schema in src/contracts:
 * the incident projection, one host, the blast radius, the login answer. Built from the shared schemas, and
 * checked against the domain types at compile time (`satisfies`), so a change on the server breaks this build
 * instead of the page.
 */
import { z } from 'zod';
import { meSchema } from '../../../src/contracts/auth';
import { incidentSummarySchema } from '../../../src/contracts/incidents';
import type { BlastRadius } from '../../../src/estate/graph/blast-radius.types';
import {
  criticalitySchema,
  dataStoreSchema,
  entitySchema,
  hostSchema,
  segmentSchema,
  serviceSchema,
} from '../../../src/estate/schema';
import { scopeKindSchema } from '../../../src/incident/fields';
import { incidentStateSchema } from '../../../src/incident/input.schema';
import type { IncidentProjection } from '../../../src/incident/projection';

export const loginResultSchema = z.object({ user: meSchema, expiresAt: z.string() });

const timelineEntrySchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  type: z.string(),
  description: z.string(),
});

const taskSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  status: z.string(),
  assignee: z.string().nullable(),
  due: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string(),
      status: z.string(),
      assignee: z.string().nullable(),
    }),
  ),
});

const scopeItemSchema = z.object({
  kind: scopeKindSchema,
  ref: z.string(),
  state: z.string(),
  entity: z.string().nullable(),
  updatedAt: z.string(),
  history: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string(),
      state: z.string(),
      evidence: z.string(),
      entity: z.string().nullable(),
    }),
  ),
});

const affectedSchema = z.array(
  z.object({ ref: z.string(), state: z.enum(['suspected', 'in_scope']), entity: z.string().nullable() }),
);

export const incidentViewSchema = z.object({
  summary: incidentSummarySchema,
  description: z.string().nullable(),
  awareness: z.object({ at: z.string(), source: z.enum(['declared', 'opened']) }),
  timeline: z.array(timelineEntrySchema),
  tasks: z.array(taskSchema),
  notes: z.array(
    z.object({ seq: z.number().int(), id: z.string(), at: z.string(), actor: z.string(), text: z.string() }),
  ),
  scope: z.object({
    host: z.array(scopeItemSchema),
    segment: z.array(scopeItemSchema),
    entity: z.array(scopeItemSchema),
  }),
  affected: z.object({ hosts: affectedSchema, segments: affectedSchema, entities: affectedSchema }),
  metrics: z.object({
    timeInStateMs: z.record(incidentStateSchema, z.number()),
    firstEnteredAt: z.partialRecord(incidentStateSchema, z.string()),
    timeToContainMs: z.number().nullable(),
    asOf: z.string(),
  }),
}) satisfies z.ZodType<IncidentProjection>;
export type IncidentView = z.infer<typeof incidentViewSchema>;
export type TaskItem = IncidentView['tasks'][number];
export type ScopeItem = IncidentView['scope']['host'][number];
export type TimelineItem = IncidentView['timeline'][number];

export const hostDetailSchema = z.object({
  host: hostSchema,
  segment: segmentSchema.nullable(),
  entity: entitySchema.nullable(),
  services: z.array(serviceSchema),
  dataStores: z.array(dataStoreSchema),
});
export type HostDetail = z.infer<typeof hostDetailSchema>;

const hiddenSchema = z.object({
  segments: z.number().int(),
  hosts: z.number().int(),
  services: z.number().int(),
  entities: z.number().int(),
  dataStores: z.number().int(),
});

/** The parts of the blast radius the map and the host panel show (other fields are dropped). */
export const blastRadiusSchema = z.object({
  compromised: z.array(z.string()),
  totals: z.object({
    segments: z.number().int(),
    hosts: z.number().int(),
    services: z.number().int(),
    entities: z.number().int(),
    regions: z.number().int(),
    dataStores: z.number().int(),
    personalDataStores: z.number().int(),
    personalRecords: z.number().int(),
    exposurePoints: z.number().int(),
  }),
  hostsByCriticality: z.record(criticalitySchema, z.number().int()),
  segments: z.array(
    z.object({ id: z.string(), name: z.string(), entity: z.string(), hops: z.number().int(), hosts: z.number().int() }),
  ),
  hosts: z.array(z.string()),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      entity: z.string(),
      criticality: criticalitySchema,
      reason: z.string(),
    }),
  ),
  entities: z.array(
    z.object({ id: z.string(), name: z.string(), hostsReached: z.number().int(), servicesAtRisk: z.number().int() }),
  ),
  regions: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Only for entity-scoped users: how much of the result lies outside their entities. */
  hidden: hiddenSchema.optional(),
});
export type BlastRadiusView = z.infer<typeof blastRadiusSchema>;

type Assert<T extends true> = T;
/** The subset must stay a subset: a renamed or retyped field in the domain breaks the build here. */
export type BlastRadiusSubsetCheck = Assert<BlastRadius extends Omit<BlastRadiusView, 'hidden'> ? true : false>;

/**
 * Scope confirmation, recovery and backlog API contract: sweeps, region clearance and declaration, recovery
 * plans with gates and steps, and the business backlog. Shared by the server, the CLI and the UI.
 */
import { z } from 'zod';
import { GATE_KINDS, STEP_TIERS, sweepIndicatorsSchema } from '../respond/index.js';

const ref = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a lower-case estate id such as uk-ltd, emea or tk-fs01');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const incidentId = z.string().regex(/^INC-\d{4,}$/, 'expected an incident id such as INC-0001');
const recoveryId = z.string().regex(/^R-\d{4,}$/, 'expected a recovery plan id such as R-0001');

/** Hosts in one named-host sweep at most (a whole entity or region has no limit but the plan's size). */
export const MAX_SWEEP_HOSTS = 10_000;

const sweepTarget = z.union([
  z.object({ entity: ref }).strict(),
  z.object({ region: ref }).strict(),
  z.object({ hosts: z.array(ref).min(1).max(MAX_SWEEP_HOSTS) }).strict(),
]);

/**
 * `POST /api/incidents/:id/sweeps`: exactly one of `entity`, `region` or `hosts`, plus indicators. The incident's
 * own indicators (from its alerts) are added unless `fromAlerts` is false.
 */
export const sweepRequestSchema = z
  .object({
    entity: ref.optional(),
    region: ref.optional(),
    hosts: z.array(ref).min(1).max(MAX_SWEEP_HOSTS).optional(),
    indicators: sweepIndicatorsSchema.optional(),
    fromAlerts: z.boolean().default(true),
    paths: z.array(text(4096)).max(64).optional(),
    maxFiles: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .refine((body) => [body.entity, body.region, body.hosts].filter((v) => v !== undefined).length === 1, {
    message: 'name exactly one of entity, region or hosts',
    path: ['entity'],
  });
export type SweepRequest = z.output<typeof sweepRequestSchema>;
export { sweepTarget as sweepTargetSchema };

export const regionParamsSchema = z.object({ id: incidentId, region: ref });

/** `POST /api/incidents/:id/scope/regions/:region/clear`. */
export const clearRegionSchema = z
  .object({
    /** Declare only this entity of the region out of scope (its lead may). */
    entity: ref.optional(),
    /** Hosts that count as clean without a clean sweep, each with the reason (decommissioned, powered off). */
    exceptions: z.array(z.object({ host: ref, reason: text(2000) }).strict()).max(10_000).default([]),
    note: text(2000).optional(),
    /** Ask to roll back the region's running precautionary shutdown plans (default true). */
    endShutdown: z.boolean().default(true),
  })
  .strict();
export type ClearRegionInput = z.output<typeof clearRegionSchema>;

/** `POST /api/incidents/:id/recovery`: plan the recovery of an entity or a region. */
export const planRecoverySchema = z
  .object({
    entity: ref.optional(),
    region: ref.optional(),
    /** A named approver whose sign-off every step needs. */
    approver: text(100).optional(),
  })
  .strict()
  .refine((body) => (body.entity === undefined) !== (body.region === undefined), { message: 'name exactly one of entity or region', path: ['entity'] });
export type PlanRecoveryInput = z.output<typeof planRecoverySchema>;

export const recoveryParamsSchema = z.object({ id: incidentId, recoveryId });
export const stepParamsSchema = z.object({ id: incidentId, recoveryId, step: z.coerce.number().int().min(1).max(5000) });

/** Gates people record (`clean_sweep` is evaluated from sweeps). */
export const RECORDABLE_GATES = GATE_KINDS.filter((g) => g !== 'clean_sweep') as ['credentials_reset', 'backup_verified', 'approval'];

/** `POST .../recovery/:recoveryId/gates`. */
export const recordGateSchema = z
  .object({
    step: z.number().int().min(1).max(5000),
    gate: z.enum(RECORDABLE_GATES, { error: 'expected credentials_reset, backup_verified or approval (a clean sweep is evaluated from sweeps)' }),
    /** The data store or service (backup_verified), the identity service (credentials_reset). */
    subject: ref.optional(),
    evidence: text(20_000),
  })
  .strict();
export type RecordGateInput = z.output<typeof recordGateSchema>;

export const runStepSchema = z.object({ note: text(2000).optional() }).strict();

/** `GET /api/incidents/:id/backlog`. */
export const backlogQuerySchema = z.object({
  surge: z.coerce.number().gt(1, 'a surge of 1 or less never works a backlog off').max(10).default(1.25),
  stepMinutes: z.coerce.number().int().min(1).max(1440).default(60),
  resolutionMinutes: z.coerce.number().int().min(1).max(60).default(1),
});
export type BacklogQuery = z.output<typeof backlogQuerySchema>;

export const recoveryListSchema = z.object({ items: z.array(z.looseObject({ plan: z.looseObject({ recoveryId: z.string() }) })) });
export { STEP_TIERS };

/**
 * Recovery plans as data: ordered steps, each with the services it restores, its hosts, its actions (reversals
 * of containment) and its gates. A plan is recorded whole in the incident log (`recovery.planned`), so these
 * schemas both validate what is recorded and read it back.
 */
import { z } from 'zod';

/** What must hold before a step runs. */
export const GATE_KINDS = ['clean_sweep', 'credentials_reset', 'backup_verified', 'approval'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

/** What a step restores, which decides its place in the order (network and identity first). */
export const STEP_TIERS = ['network', 'identity', 'data', 'application', 'hosts'] as const;
export type StepTier = (typeof STEP_TIERS)[number];

export const gateRequirementSchema = z.object({
  gate: z.enum(GATE_KINDS),
  /**
   * `backup_verified`: the data store (or service) whose backup must be verified; `credentials_reset`: the
   * identity service; `approval`: the named approver's username (absent: any lead of the step's entities, a
   * commander or an admin).
   */
  subject: z.string().max(100).optional(),
  /** `clean_sweep`: the hosts that must be swept clean after their last in-scope mark. */
  hosts: z.array(z.string().max(80)).max(100_000).optional(),
  description: z.string().max(2000),
});
export type GateRequirement = z.output<typeof gateRequirementSchema>;

export const actionSpecSchema = z.object({
  id: z.string().max(40),
  connector: z.string().max(40),
  operation: z.string().max(40),
  target: z.object({ kind: z.enum(['host', 'segment', 'service']), ref: z.string().max(200), entity: z.string().max(80) }),
  args: z.record(z.string(), z.unknown()),
  reversal: z.object({ operation: z.string().max(40), args: z.record(z.string(), z.unknown()) }).nullable(),
  label: z.string().max(500),
});

export const recoveryStepSchema = z.object({
  /** 1-based position; steps are listed in the order they may run. */
  n: z.number().int().min(1),
  recoveryId: z.string().max(60),
  title: z.string().max(500),
  tier: z.enum(STEP_TIERS),
  services: z.array(z.string().max(80)).max(1000),
  hosts: z.array(z.string().max(80)).max(100_000),
  entities: z.array(z.string().max(80)).max(1000),
  /** Steps (by `n`) that must be completed first. */
  dependsOn: z.array(z.number().int().min(1)).max(5000),
  /** Dependencies outside this plan that are affected too (restored by another region's or entity's plan). */
  externalDependencies: z.array(z.string().max(80)).max(1000).default([]),
  actions: z.array(actionSpecSchema).max(100_000),
  gates: z.array(gateRequirementSchema).max(10_000),
  notes: z.array(z.string().max(2000)).max(100).default([]),
});
export type RecoveryStep = z.output<typeof recoveryStepSchema>;

export const recoveryTargetSchema = z.object({ kind: z.enum(['entity', 'region']), ref: z.string().max(80) });
export type RecoveryTarget = z.output<typeof recoveryTargetSchema>;

/** The `recovery.planned` payload: the whole plan. */
export const recoveryPlanSchema = z.object({
  recoveryId: z.string().max(60),
  target: recoveryTargetSchema,
  title: z.string().max(500),
  entities: z.array(z.string().max(80)).max(1000),
  regions: z.array(z.string().max(80)).max(1000),
  steps: z.array(recoveryStepSchema).max(5000),
  /** Services that depend on each other in a circle: restored together in one step, reported here. */
  cycles: z.array(z.array(z.string().max(80))).max(1000).default([]),
  warnings: z.array(z.string().max(2000)).max(1000).default([]),
  assumptions: z.array(z.string().max(2000)).max(50).default([]),
  /** The approver named for every step's sign-off, if any. */
  approver: z.string().max(100).optional(),
  /** The containment plans whose actions this plan reverses. */
  basedOn: z.array(z.string().max(200)).max(10_000).default([]),
});
export type RecoveryPlan = z.output<typeof recoveryPlanSchema>;

/** The executor plan id of a step's run: `<recoveryId>-s<n>`, and `-r<k>` for the k-th run after a failure. */
export function stepPlanId(recoveryId: string, step: number, run = 1): string {
  return run <= 1 ? `${recoveryId}-s${step}` : `${recoveryId}-s${step}-r${run}`;
}

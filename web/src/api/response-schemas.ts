/**
 * Response shapes of containment and recovery (plans, approvals, the executor's action records, scope
 * confirmation, recovery plans, the backlog). The server's contracts leave most of these as loose objects, so the
 * parts the views show are spelled out here and checked against the domain types at compile time: a renamed or
 * retyped field on the server breaks this build instead of the page. Unknown fields are dropped.
 */
import { z } from 'zod';
import type { ApprovalEvaluation } from '../../../src/respond/approvals.types';
import type { BacklogView } from '../../../src/respond/backlog';
import type { GateStatus } from '../../../src/respond/gates';
import { PLAN_STATUSES } from '../../../src/respond/plan.projection';
import { GATE_KINDS, STEP_TIERS } from '../../../src/respond/recovery.schema';
import { STEP_STATUSES, type RecoveryView } from '../../../src/respond/recovery.state';
import { HOST_CLEARANCE, type RegionClearance } from '../../../src/respond/scope-confirmation';
import { ACTION_STATES, type ActionRecord, type ActionSpec, type PlanImpact } from '../../../src/respond/types';

type Assert<T extends true> = T;
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
const strings = z.array(z.string());
const entitiesOf = z.union([z.literal('*'), strings]);

// Impact preview

const unitRateSchema = z.object({ unit: z.string(), perHour: z.number() });
const impactedServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  entity: z.string(),
  region: nullable(z.string()),
  criticality: z.string(),
  status: z.enum(['down', 'degraded']),
  capacity: z.number(),
  hosts: z.object({ isolated: z.number(), total: z.number() }),
  reasons: strings,
  lost: nullable(z.object({ unit: z.string(), perHour: z.number(), normalPerHour: z.number() })),
});
const unitImpact = {
  id: z.string(),
  name: z.string(),
  hostsIsolated: z.number(),
  servicesDown: z.number(),
  servicesDegraded: z.number(),
  lostPerHour: z.array(unitRateSchema),
};
export const planImpactSchema = z.object({
  hostsAffected: z.number(),
  services: z.array(impactedServiceSchema).default([]),
  lostPerHour: z.array(unitRateSchema).default([]),
  byEntity: z.array(z.object({ ...unitImpact, region: nullable(z.string()) })).default([]),
  byRegion: z.array(z.object({ ...unitImpact, entities: strings })).default([]),
  externalLinksCut: z.array(z.object({ segment: z.string(), kind: z.string(), name: z.string() })).default([]),
  linksCut: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
  assumptions: strings.default([]),
  hostsByCriticality: z.record(z.string(), z.number()).optional(),
});
export type ImpactView = z.infer<typeof planImpactSchema>;
export type ImpactCheck = Assert<PlanImpact extends ImpactView ? true : false>;

// Approvals

const decisionSchema = z.object({ by: z.string(), at: z.string(), reason: z.string() });
const requirementSchema = z.object({
  name: z.string(),
  needs: z.string(),
  satisfied: z.boolean(),
  by: nullable(z.string()),
  approvedAt: nullable(z.string()),
  expiresAt: nullable(z.string()),
  why: nullable(z.string()),
});
export const evaluationSchema = z.object({
  outcome: z.enum(['satisfied', 'pending', 'rejected', 'break_glass', 'no_rule']),
  satisfied: z.boolean(),
  rule: nullable(z.string()),
  requirements: z.array(requirementSchema),
  ignored: z.array(decisionSchema),
  rejectedBy: nullable(decisionSchema),
  breakGlass: nullable(decisionSchema),
  expiresAt: nullable(z.string()),
  summary: z.string(),
});
export type EvaluationView = z.infer<typeof evaluationSchema>;
export type RequirementView = EvaluationView['requirements'][number];
export type EvaluationCheck = Assert<ApprovalEvaluation extends EvaluationView ? true : false>;

// Plans

const targetSchema = z.object({ kind: z.enum(['host', 'segment', 'service']), ref: z.string(), entity: z.string() });
export const actionSpecSchema = z.object({
  id: z.string(),
  connector: z.string(),
  operation: z.string(),
  target: targetSchema,
  label: z.string(),
});
export type ActionSpecView = z.infer<typeof actionSpecSchema>;
export type ActionSpecCheck = Assert<ActionSpec extends ActionSpecView ? true : false>;

const finishedRunSchema = z.object({ at: z.string(), total: z.number(), counts: z.record(z.string(), z.number()) });
export const planSummarySchema = z.object({
  incidentId: z.string(),
  planId: z.string(),
  executorPlanId: z.string(),
  status: z.enum(PLAN_STATUSES),
  kind: z.string(),
  title: z.string(),
  rationale: z.string(),
  entities: strings,
  regions: strings,
  requestedBy: z.string(),
  requestedAt: z.string(),
  suggestion: nullable(z.string()),
  approvals: z.array(
    z.object({ by: z.string(), at: z.string(), role: z.string(), entities: entitiesOf, expiresAt: z.string(), requirement: z.string(), comment: z.string().optional() }),
  ),
  rejections: z.array(decisionSchema),
  breakGlass: z.array(decisionSchema),
  started: nullable(z.object({ at: z.string(), by: z.string(), via: z.enum(['approval', 'break_glass']) })),
  cancelled: nullable(z.object({ at: z.string(), by: z.string(), reason: nullable(z.string()) })),
  rollbacks: z.array(z.object({ at: z.string(), by: z.string(), reason: nullable(z.string()), actionIds: nullable(strings) })),
  finished: z.object({ forward: nullable(finishedRunSchema), reverse: nullable(finishedRunSchema) }),
  expiresAt: nullable(z.string()),
  evaluation: nullable(evaluationSchema),
  actionCount: z.number().int(),
  impact: planImpactSchema,
  outsideIncident: strings.default([]),
});
export type PlanSummaryView = z.infer<typeof planSummarySchema>;
export const planListSchema = z.object({ items: z.array(planSummarySchema) });

/** One action as the executor keeps it (arguments dropped: sweeps carry whole indicator lists). */
export const actionRecordSchema = z.object({
  planId: z.string(),
  actionId: z.string(),
  direction: z.enum(['forward', 'reverse']),
  connector: z.string(),
  operation: z.string(),
  target: targetSchema,
  label: z.string(),
  state: z.enum(ACTION_STATES),
  attempts: z.number().int(),
  evidence: nullable(z.record(z.string(), z.unknown())),
  error: nullable(z.object({ code: z.string(), message: z.string() })),
  history: z.array(z.object({ state: z.enum(ACTION_STATES), at: z.string(), detail: z.string().optional() })).optional(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable().optional(),
});
export type ActionRecordView = z.infer<typeof actionRecordSchema>;
export type ActionRecordCheck = Assert<ActionRecord extends ActionRecordView ? true : false>;

const countsSchema = z.object({ total: z.number().int(), byState: z.record(z.string(), z.number()) });
export const planDetailSchema = planSummarySchema.extend({
  actions: z.array(actionSpecSchema),
  execution: nullable(countsSchema.extend({ reverse: nullable(countsSchema), records: z.array(actionRecordSchema).optional() })),
});
export type PlanDetailView = z.infer<typeof planDetailSchema>;

/** The `actions` events of the incident stream (`?actions=1`): records changed by the executor. */
export const actionsMessageSchema = z.object({ planId: z.string(), actions: z.array(actionRecordSchema) });

export const suggestionsSchema = z.object({
  suggestions: z.array(
    z.object({
      key: z.string(),
      plan: z.object({
        kind: z.string(),
        title: z.string(),
        rationale: z.string(),
        entities: strings,
        regions: strings,
        actions: z.array(actionSpecSchema),
        impact: planImpactSchema,
      }),
      evaluation: nullable(evaluationSchema),
      /** The plan that asks for exactly this (active or completed), if any. */
      existing: nullable(z.object({ planId: z.string(), status: z.string() })).optional(),
    }),
  ),
  notes: strings,
});
export type SuggestionView = z.infer<typeof suggestionsSchema>['suggestions'][number];

export const policySchema = z.object({
  source: z.object({ name: z.string(), version: z.string() }),
  policy: z.object({
    approvalTtl: z.string(),
    proposalTtl: z.string(),
    breakGlass: z.object({ roles: strings, minReasonLength: z.number().int() }),
  }),
});
export type PolicyView = z.infer<typeof policySchema>;

// Scope confirmation

const counts = {
  hosts: z.number().int(),
  sweptClean: z.number().int(),
  inScope: z.number().int(),
  findings: z.number().int(),
  suspected: z.number().int(),
  excepted: z.number().int(),
  sweepFailed: z.number().int(),
  notSwept: z.number().int(),
};
const standingSchema = z.object({
  host: z.string(),
  entity: z.string(),
  status: z.enum(HOST_CLEARANCE),
  scope: nullable(z.string()),
  sweep: nullable(z.object({ planId: z.string(), at: z.string(), outcome: z.string(), reason: z.string().optional() })),
});
const clearanceOf = { ...counts, canDeclare: z.boolean(), blockers: strings, outstanding: z.array(standingSchema) };
export const regionClearanceSchema = z.object({
  ...clearanceOf,
  region: z.string(),
  name: z.string(),
  entities: z.array(z.object({ ...clearanceOf, entity: z.string(), name: z.string() })),
});
export type RegionClearanceView = z.infer<typeof regionClearanceSchema>;
export type RegionClearanceCheck = Assert<RegionClearance extends RegionClearanceView ? true : false>;
const declarationSchema = z.object({
  region: z.string(),
  entities: strings,
  by: z.string(),
  evidence: z.object({ summary: z.string(), hosts: z.number(), sweptClean: z.number(), excepted: z.array(z.object({ host: z.string(), reason: z.string() })) }),
  note: z.string().optional(),
});
export const clearanceSchema = z.object({
  regions: z.array(regionClearanceSchema),
  declared: z.array(declarationSchema.extend({ at: z.string() })),
  scoped: z.boolean(),
});
export type ClearanceView = z.infer<typeof clearanceSchema>;
export type DeclarationView = ClearanceView['declared'][number];

export const sweepAnswerSchema = z.object({
  planId: z.string(),
  indicators: z.object({ sha256: z.number(), processNames: z.number(), remote: z.number() }),
});
export const declareAnswerSchema = z.object({
  declaration: declarationSchema,
  shutdown: z.array(z.object({ planId: z.string(), kind: z.string(), outcome: z.enum(['rollback_requested', 'refused']), actions: z.number(), reason: z.string().optional() })),
});
export type DeclareAnswer = z.infer<typeof declareAnswerSchema>;

// Recovery

export const gateStatusSchema = z.object({
  gate: z.enum(GATE_KINDS),
  subject: z.string().optional(),
  description: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  record: z.object({ by: z.string(), at: z.string(), evidence: z.string() }).optional(),
  sweep: z.object({ total: z.number(), clean: z.number(), outstanding: strings }).optional(),
});
export type GateStatusView = z.infer<typeof gateStatusSchema>;
export type GateStatusCheck = Assert<GateStatus extends GateStatusView ? true : false>;

const stepSchema = z.object({
  n: z.number().int(),
  title: z.string(),
  tier: z.enum(STEP_TIERS),
  services: strings,
  hosts: strings,
  entities: strings,
  dependsOn: z.array(z.number().int()),
  externalDependencies: strings,
  actions: z.array(actionSpecSchema),
  notes: strings,
  status: z.enum(STEP_STATUSES),
  gateStatus: z.array(gateStatusSchema),
  waitingFor: z.array(z.number().int()),
  runs: z.array(
    z.object({ planId: z.string(), at: z.string(), by: z.string(), actions: z.number(), outcome: z.enum(['running', 'completed', 'failed']), endedAt: z.string().optional(), failedTotal: z.number().optional() }),
  ),
});
export type StepView = z.infer<typeof stepSchema>;

export const recoveryViewSchema = z.object({
  plan: z.object({
    recoveryId: z.string(),
    target: z.object({ kind: z.enum(['entity', 'region']), ref: z.string() }),
    title: z.string(),
    entities: strings,
    regions: strings,
    cycles: z.array(strings),
    warnings: strings,
    assumptions: strings,
    approver: z.string().optional(),
  }),
  plannedAt: z.string(),
  plannedBy: z.string(),
  status: z.enum(['planned', 'in_progress', 'completed']),
  progress: z.object({ completed: z.number(), total: z.number() }),
  steps: z.array(stepSchema),
  runnable: z.array(z.number().int()),
});
export type RecoveryPlanView = z.infer<typeof recoveryViewSchema>;
export type RecoveryCheck = Assert<RecoveryView extends RecoveryPlanView ? true : false>;
export const recoveryListSchema = z.object({ items: z.array(recoveryViewSchema) });

// Backlog

const unitTotalSchema = z.object({
  unit: z.string(),
  accrued: z.number(),
  backlog: z.number(),
  lostPerHour: z.number(),
  clearedAt: nullable(z.string()),
  series: z.array(nullable(z.number())),
});
const aggregateSchema = z.object({
  id: z.string(),
  name: z.string(),
  servicesDown: z.number(),
  servicesDegraded: z.number(),
  downSince: z.string(),
  restoredAt: nullable(z.string()),
  units: z.array(unitTotalSchema),
});
export const backlogSchema = z.object({
  at: z.string(),
  surge: z.number(),
  stepMinutes: z.number(),
  grid: strings,
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      entity: z.string(),
      region: nullable(z.string()),
      unit: nullable(z.string()),
      perHour: nullable(z.number()),
      state: z.enum(['down', 'degraded', 'restored', 'up']),
      capacityNow: z.number(),
      downSince: z.string(),
      restoredAt: nullable(z.string()),
      accrued: nullable(z.number()),
      backlog: nullable(z.number()),
      lostPerHour: nullable(z.number()),
      workOff: nullable(z.object({ hours: z.number(), clearedAt: nullable(z.string()), projected: z.boolean() })),
      series: nullable(z.array(nullable(z.number()))),
    }),
  ),
  entities: z.array(aggregateSchema),
  regions: z.array(aggregateSchema),
  totals: z.array(unitTotalSchema),
  assumptions: strings,
});
export type BacklogViewData = z.infer<typeof backlogSchema>;
export type ServiceBacklogView = BacklogViewData['services'][number];
export type BacklogCheck = Assert<BacklogView extends BacklogViewData ? true : false>;

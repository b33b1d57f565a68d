/**
 * The incident events of containment plans: proposed, approved, rejected, break-glass, started, cancelled and
 * rollback requested. Every request and decision about a plan is one of these events in the incident log;
 * `projectPlans` rebuilds the plans from them.
 */
import { z } from 'zod';
import { registerEventType } from '../incident/index.js';
import { PLAN_KINDS, type ActionSpec, type PlanImpact } from './types.js';

export const PLAN_ID_PATTERN = /^P-\d{4,}$/;
export const planIdSchema = z.string().regex(PLAN_ID_PATTERN, 'expected a plan id such as P-0001');

/**
 * The plan id for the n-th plan of an incident (1-based).
 *
 * @example
 * planIdFor(1); // 'P-0001'
 */
export function planIdFor(n: number): string {
  return `P-${String(n).padStart(4, '0')}`;
}

/**
 * The id the executor knows a plan by: plan ids count per incident, the executor's are global.
 *
 * @example
 * executorPlanId('INC-0007', 'P-0002'); // 'INC-0007-P-0002'
 */
export function executorPlanId(incidentId: string, planId: string): string {
  return `${incidentId}-${planId}`;
}

const text = z.string().trim().min(1);
const reason = text.max(2000);
const entities = z.union([z.literal('*'), z.array(z.string())]);

const actionSchema = z.object({
  id: text,
  connector: text,
  operation: text,
  target: z.object({ kind: z.enum(['host', 'segment', 'service']), ref: text, entity: z.string() }),
  args: z.record(z.string(), z.unknown()),
  reversal: z.object({ operation: text, args: z.record(z.string(), z.unknown()) }).nullable(),
  label: z.string(),
}) satisfies z.ZodType<ActionSpec>;

/** The impact is kept whole (it is the estate graph's result, shown as recorded). */
const impactSchema = z.looseObject({ hostsAffected: z.number().int().nonnegative() }) as unknown as z.ZodType<PlanImpact>;

export const proposedPlanSchema = z.object({
  kind: z.enum(PLAN_KINDS),
  title: text,
  rationale: z.string(),
  entities: z.array(z.string()),
  regions: z.array(z.string()),
  actions: z.array(actionSchema),
  impact: impactSchema,
  request: z.object({ kind: z.enum(PLAN_KINDS), target: z.record(z.string(), z.unknown()) }).optional(),
});

/** Role and entities of the person deciding, as they were (approvals are judged against them). */
const decider = { role: text, entities };

export const planProposedSchema = z.object({
  planId: planIdSchema,
  plan: proposedPlanSchema,
  /** Username of the person asking (the event's actor may be a system acting for them). */
  requestedBy: text,
  /** The policy in force when it was proposed. */
  policy: z.object({ name: z.string(), version: z.string() }).optional(),
  /** The suggestion it came from. */
  suggestion: z.string().optional(),
});
export const planApprovedSchema = z.object({
  planId: planIdSchema,
  ...decider,
  /** The requirement this approval filled when it was given. */
  requirement: text,
  comment: reason.optional(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export const planRejectedSchema = z.object({ planId: planIdSchema, ...decider, reason });
export const planBreakGlassSchema = z.object({ planId: planIdSchema, ...decider, reason });
export const planStartedSchema = z.object({ planId: planIdSchema, actions: z.number().int().nonnegative(), via: z.enum(['approval', 'break_glass']) });
export const planCancelledSchema = z.object({ planId: planIdSchema, reason: reason.optional() });
export const planRollbackRequestedSchema = z.object({ planId: planIdSchema, reason: reason.optional(), actionIds: z.array(text).optional() });

export type PlanProposed = z.output<typeof planProposedSchema>;
export type PlanApproved = z.output<typeof planApprovedSchema>;
export type PlanReasoned = z.output<typeof planRejectedSchema>;
export type PlanStarted = z.output<typeof planStartedSchema>;
export type PlanCancelled = z.output<typeof planCancelledSchema>;
export type PlanRollbackRequested = z.output<typeof planRollbackRequestedSchema>;

export const PLAN_EVENT_TYPES = ['plan.proposed', 'plan.approved', 'plan.rejected', 'plan.break_glass', 'plan.started', 'plan.cancelled', 'plan.rollback_requested'] as const;
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Registers the plan event types with one-line descriptions for the timeline. Safe to call more than once.
 *
 * @example
 * registerPlanEventTypes();
 * recordEvents(summary, [{ type: 'plan.approved', payload }], ctx);
 */
export function registerPlanEventTypes(): void {
  registerEventType('plan.proposed', planProposedSchema, {
    describe: ({ payload: p }, actor) =>
      `${actor} proposed ${p.planId}: ${p.plan.title} (${plural(p.plan.actions.length, 'action')}, ${plural(p.plan.impact.hostsAffected, 'host')} affected)`,
  });
  registerEventType('plan.approved', planApprovedSchema, {
    describe: ({ payload: p }, actor) => `${actor} approved ${p.planId} as ${p.requirement} (${p.role})${p.comment === undefined ? '' : `: ${p.comment}`}`,
  });
  registerEventType('plan.rejected', planRejectedSchema, { describe: ({ payload: p }, actor) => `${actor} rejected ${p.planId}: ${p.reason}` });
  registerEventType('plan.break_glass', planBreakGlassSchema, {
    describe: ({ payload: p }, actor) => `BREAK-GLASS: ${actor} (${p.role}) ran ${p.planId} without approval: ${p.reason}`,
  });
  registerEventType('plan.started', planStartedSchema, {
    describe: ({ payload: p }, actor) =>
      `${p.planId} started${p.via === 'break_glass' ? ' by break-glass' : ` on ${actor}'s approval`}: ${plural(p.actions, 'action')} handed to the executor`,
  });
  registerEventType('plan.cancelled', planCancelledSchema, {
    describe: ({ payload: p }, actor) => `${actor} cancelled ${p.planId}${p.reason === undefined ? '' : `: ${p.reason}`}`,
  });
  registerEventType('plan.rollback_requested', planRollbackRequestedSchema, {
    describe: ({ payload: p }, actor) =>
      `${actor} asked to roll back ${p.actionIds ? `${plural(p.actionIds.length, 'action')} of ` : ''}${p.planId}${p.reason === undefined ? '' : `: ${p.reason}`}`,
  });
}

/**
 * The plans of an incident, rebuilt from its `plan.*` events: each plan with its request, approvals,
 * rejections, break-glass, start, cancellation and rollback requests, its status and (given the policy) the
 * evaluation of its approvals.
 */
import { z } from 'zod';
import type { IncidentEvent } from '../incident/index.js';
import { evaluateApprovals } from './approvals.js';
import type { ApprovalContext, ApprovalEvaluation, ApprovalRecord, ReasonedRecord } from './approvals.types.js';
import {
  planApprovedSchema,
  planBreakGlassSchema,
  planCancelledSchema,
  planProposedSchema,
  planRejectedSchema,
  planRollbackRequestedSchema,
  planStartedSchema,
} from './plan-events.js';
import { durationMs, type Policy } from './policy.schema.js';
import type { ProposedPlan } from './types.js';

/**
 * `awaiting_approval` until approved (then `running`: handed to the executor; `completed` when the executor
 * reports every action done, `failed` when it reports at least one action failed for good), `rejected`,
 * `cancelled`, or `expired` when nobody approved it within the policy's `proposalTtl`; `rolling_back` once a
 * rollback is asked, then `rolled_back` or `rollback_failed`. `approved` is only seen if approvals are complete
 * but the plan has not started (a policy change).
 */
export const PLAN_STATUSES = ['awaiting_approval', 'approved', 'running', 'completed', 'failed', 'rejected', 'cancelled', 'expired', 'rolling_back', 'rolled_back', 'rollback_failed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanApproval extends ApprovalRecord {
  requirement: string;
}

export interface PlanRecord {
  planId: string;
  plan: ProposedPlan;
  requestedBy: string;
  requestedAt: string;
  policy: { name: string; version: string } | null;
  suggestion: string | null;
  approvals: PlanApproval[];
  rejections: ReasonedRecord[];
  breakGlass: ReasonedRecord[];
  started: { at: string; by: string; via: 'approval' | 'break_glass' } | null;
  cancelled: { at: string; by: string; reason: string | null } | null;
  rollbacks: { at: string; by: string; reason: string | null; actionIds: string[] | null }[];
  /** What the executor reported when every action of a direction was done (`plan.finished`). */
  finished: { forward: FinishedRun | null; reverse: FinishedRun | null };
  status: PlanStatus;
  /** When an unapproved plan expires (with a policy). */
  expiresAt: string | null;
  /** With a policy: the evaluation of its approvals now. */
  evaluation: ApprovalEvaluation | null;
}

export interface FinishedRun {
  at: string;
  total: number;
  /** Actions per final state, e.g. `{ verified: 5, failed: 1 }`. */
  counts: Record<string, number>;
}

export interface ProjectPlansOptions {
  policy?: Policy;
  now?: Date;
  /** As in `evaluateApprovals` (requester and approvals come from the log). */
  context?: Pick<ApprovalContext, 'principalsInfo' | 'incidentCommander' | 'regionEntities'>;
}

const finishedSchema = z.object({ direction: z.enum(['forward', 'reverse']), total: z.number(), counts: z.record(z.string(), z.number()) });

const username = (actor: string) => (actor.startsWith('user:') ? actor.slice('user:'.length) : actor);

function applyEvent(plans: Map<string, PlanRecord>, event: IncidentEvent): void {
  if (event.type === 'plan.proposed') {
    const parsed = planProposedSchema.safeParse(event.payload);
    if (!parsed.success) return;
    const p = parsed.data;
    plans.set(p.planId, {
      planId: p.planId, plan: p.plan as ProposedPlan, requestedBy: p.requestedBy, requestedAt: event.at, policy: p.policy ?? null, suggestion: p.suggestion ?? null,
      approvals: [], rejections: [], breakGlass: [], started: null, cancelled: null, rollbacks: [], finished: { forward: null, reverse: null }, status: 'awaiting_approval', expiresAt: null, evaluation: null,
    });
    return;
  }
  const planId = (event.payload as { planId?: unknown } | null)?.planId;
  if (typeof planId !== 'string') return;
  if (event.type === 'plan.finished') {
    const record = plans.get(planId.startsWith(`${event.incidentId}-`) ? planId.slice(event.incidentId.length + 1) : planId);
    if (record) applyFinished(record, event);
    return;
  }
  const record = plans.get(planId);
  if (record) applyDecision(record, event);
}

/** The executor's `plan.finished` (registered by the executor; read leniently here). */
function applyFinished(record: PlanRecord, event: IncidentEvent): void {
  const p = finishedSchema.safeParse(event.payload);
  if (!p.success) return;
  record.finished[p.data.direction] = { at: event.at, total: p.data.total, counts: p.data.counts };
  const failed = (p.data.counts['failed'] ?? 0) > 0;
  if (p.data.direction === 'forward' && record.status === 'running') record.status = failed ? 'failed' : 'completed';
  if (p.data.direction === 'reverse' && record.status === 'rolling_back') record.status = failed ? 'rollback_failed' : 'rolled_back';
}

function applyDecision(record: PlanRecord, event: IncidentEvent): void {
  const by = username(event.actor);
  const at = event.at;
  switch (event.type) {
    case 'plan.approved': {
      const p = planApprovedSchema.safeParse(event.payload);
      if (p.success) record.approvals.push({ by, at, role: p.data.role, entities: p.data.entities, expiresAt: p.data.expiresAt, requirement: p.data.requirement, ...(p.data.comment ? { comment: p.data.comment } : {}) });
      return;
    }
    case 'plan.rejected':
    case 'plan.break_glass': {
      const p = (event.type === 'plan.rejected' ? planRejectedSchema : planBreakGlassSchema).safeParse(event.payload);
      if (p.success) (event.type === 'plan.rejected' ? record.rejections : record.breakGlass).push({ by, at, role: p.data.role, entities: p.data.entities, reason: p.data.reason });
      if (p.success && event.type === 'plan.rejected' && record.status === 'awaiting_approval') record.status = 'rejected';
      return;
    }
    case 'plan.started': {
      const p = planStartedSchema.safeParse(event.payload);
      if (p.success) Object.assign(record, { started: { at, by, via: p.data.via }, status: 'running' });
      return;
    }
    case 'plan.cancelled': {
      const p = planCancelledSchema.safeParse(event.payload);
      if (p.success) Object.assign(record, { cancelled: { at, by, reason: p.data.reason ?? null }, status: 'cancelled' });
      return;
    }
    case 'plan.rollback_requested': {
      const p = planRollbackRequestedSchema.safeParse(event.payload);
      if (p.success) record.rollbacks.push({ at, by, reason: p.data.reason ?? null, actionIds: p.data.actionIds ?? null });
      if (p.success) record.status = 'rolling_back';
      return;
    }
  }
}

function finish(record: PlanRecord, options: ProjectPlansOptions): PlanRecord {
  const { policy, now } = options;
  if (!policy || !now) return record;
  const evaluation = evaluateApprovals(record.plan, policy, {
    ...options.context,
    requester: record.requestedBy,
    approvals: record.approvals,
    rejections: record.rejections,
    breakGlass: record.breakGlass,
    now,
  });
  const expiresAt = new Date(Date.parse(record.requestedAt) + durationMs(policy.proposalTtl)).toISOString();
  let status = record.status;
  if (status === 'awaiting_approval' && evaluation.satisfied) status = 'approved';
  else if (status === 'awaiting_approval' && Date.parse(expiresAt) <= now.getTime()) status = 'expired';
  return { ...record, evaluation, status, expiresAt: record.started ? null : expiresAt };
}

/**
 * The plans of an incident, in the order they were proposed. With `policy` and `now`, each carries the
 * evaluation of its approvals and unapproved plans past the policy's `proposalTtl` are `expired`.
 *
 * @example
 * projectPlans(events, { policy, now: new Date() }).map((p) => [p.planId, p.status]); // [['P-0001', 'running']]
 */
export function projectPlans(events: readonly IncidentEvent[], options: ProjectPlansOptions = {}): PlanRecord[] {
  const plans = new Map<string, PlanRecord>();
  for (const event of events) if (event.type.startsWith('plan.')) applyEvent(plans, event);
  return [...plans.values()].map((record) => finish(record, options));
}

/** How many plans the log holds (for the next plan id). */
export function countPlans(events: readonly IncidentEvent[]): number {
  return events.filter((event) => event.type === 'plan.proposed').length;
}

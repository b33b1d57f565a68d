/**
 * Response (pure): containment plans with their impact, the approval policy and its evaluation, the plan
 * events of the incident log and their projection. See README.md. Recovery, sweeps and the backlog add their
 * exports below.
 *
 * @example
 * registerPlanEventTypes();
 * const { suggestions } = suggestPlans(index, projectScope(decoded));
 * const plans = projectPlans(events, { policy, now: new Date() });
 */

// Shared vocabulary
export {
  ACTION_STATES,
  FINAL_ACTION_STATES,
  PLAN_KINDS,
  type ActionOutcome,
  type ActionRecord,
  type ActionSpec,
  type ActionState,
  type ActionTarget,
  type Connector,
  type ConnectorContext,
  type ConnectorManifest,
  type ConnectorOperation,
  type ExecutableAction,
  type PlanExecutor,
  type PlanImpact,
  type PlanKind,
  type PlanSubmission,
  type ProposedPlan,
} from './types.js';

// Containment planner
export { CONTAINMENT_KINDS, MAX_REQUEST_HOSTS, planKey, planRequestSchema, type ContainmentKind, type PlanRequest } from './planner.request.js';
export { buildPlan } from './planner.build.js';
export { suggestPlans, MAX_SEGMENT_SUGGESTIONS, type PlanSuggestion, type PlanSuggestions } from './planner.suggest.js';
export { MDE_TAG_PREFIX, cutSegmentAction, isolateHostAction } from './planner.actions.js';

// Policy and approvals
export {
  APPROVAL_SCOPES,
  POLICY_ROLES,
  durationMs,
  policyFileSchema,
  type ApprovalRequirement,
  type ApprovalScope,
  type Policy,
  type PolicyRole,
  type PolicyRule,
} from './policy.schema.js';
export { parsePolicy, type LoadedPolicy, type ParsedPolicy } from './policy.parse.js';
export { ruleFor } from './policy.match.js';
export { breakGlassProblem, checkApproval, evaluateApprovals } from './approvals.js';
export { coversPlan, describeRequirement, whyNotEligible } from './approvals.eligibility.js';
export type {
  ApprovalCheck,
  ApprovalContext,
  ApprovalEvaluation,
  ApprovalRecord,
  ApproverInfo,
  DecisionRecord,
  EvaluationOutcome,
  ReasonedRecord,
  RequirementStatus,
} from './approvals.types.js';

// Plan events and projection
export {
  PLAN_EVENT_TYPES,
  executorPlanId,
  planIdFor,
  planIdSchema,
  proposedPlanSchema,
  registerPlanEventTypes,
  type PlanApproved,
  type PlanEventType,
  type PlanProposed,
} from './plan-events.js';
export { PLAN_STATUSES, countPlans, projectPlans, type FinishedRun, type PlanApproval, type PlanRecord, type PlanStatus, type ProjectPlansOptions } from './plan.projection.js';

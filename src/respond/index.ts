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
  type ExecutionCounts,
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

// Sweeps and scope confirmation
export { SWEEP_LIMITS, indicatorCount, indicatorsFromAlerts, mergeIndicators, sweepIndicatorsSchema, type SweepIndicators, type SweepIndicatorsInput } from './sweep.indicators.js';
export { MAX_SWEEP_PAIRS, planSweep, type SweepOptions, type SweepTarget } from './sweep.plan.js';
export {
  SWEEP_OUTCOMES,
  latestSweeps,
  recordedSweepKeys,
  sweepResultsFromActions,
  sweepResultsFromEvents,
  sweepResultsPayloads,
  type SweepFinding,
  type SweepOutcome,
  type SweepResult,
  type SweepResultsPayload,
} from './sweep.results.js';
export { scopeChangesFromSweep, sweepEvidence, sweptCleanSinceLastMark, type ScopeChangeDraft } from './sweep.scope.js';
export { HOST_CLEARANCE, clearanceSummary, regionClearance, type ClearanceCounts, type EntityClearance, type HostClearance, type HostException, type HostStanding, type RegionClearance } from './scope-confirmation.js';
export { declaredRegions, entitiesOfRegion, entityClearances, mayDeclare, regionDeclaration, type Declarer, type RegionClearedPayload } from './scope-confirmation.declare.js';

// Recovery
export { GATE_KINDS, STEP_TIERS, recoveryPlanSchema, stepPlanId, type GateKind, type GateRequirement, type RecoveryPlan, type RecoveryStep, type RecoveryTarget, type StepTier } from './recovery.schema.js';
export { containmentAt, containmentTimeline, type ContainmentChange, type ContainmentState } from './recovery.containment.js';
export { orderServices, serviceTier, type OrderNode, type ServiceOrder } from './recovery.order.js';
export { RECOVERY_ASSUMPTIONS, planRecovery, type RecoveryRequest } from './recovery.plan.js';
export type { ReversalLookup } from './recovery.actions.js';
export { gateRecordedPayloadSchema, type GateRecordedPayload, type StepCompletedPayload, type StepFailedPayload, type StepStartedPayload } from './recovery.events.js';
export { evaluateGates, evaluateGatesWith, gateContext, type GateContext, type GateStatus } from './gates.js';
export { STEP_STATUSES, nextRunnableSteps, projectRecoveries, recoveryState, stepStatus, type RecoveryState, type RecoveryView, type StepStatus, type StepView } from './recovery.state.js';
export { registerRecoveryEventTypes } from './recovery.register.js';

// Business backlog
export { BACKLOG_ASSUMPTIONS, computeBacklog, type BacklogOptions, type BacklogView, type RestoredBy, type ServiceBacklog, type ServiceState } from './backlog.js';
export { aggregateBacklog, type AggregateBacklog, type UnitTotal } from './backlog.aggregate.js';
export { backlogCurve, sampleCurve, type BacklogCurve, type CapacitySpan } from './backlog.curve.js';

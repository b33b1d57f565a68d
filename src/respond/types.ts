/**
 * The shared vocabulary of response: plans, actions, their states, and the connector contract. Plans are made
 * by the pure planners (`planner.ts` for containment, `recovery.ts` for restoration), approved under a policy
 * (`policy.ts`, `approvals.ts`) and run by the durable executor (`src/executor/`) through connectors
 * (`src/connectors/`).
 */
import type { IsolationImpact, UnitRate } from '../estate/graph/index.js';

/** What a containment or recovery plan does, which decides the approvals its policy demands. */
export const PLAN_KINDS = [
  'isolate_hosts',
  'cut_segment_external',
  'cut_segment_links',
  'shutdown_entity',
  'shutdown_region',
  'sweep',
  'recovery',
  'custom',
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** What an action works on. `entity` is the owning entity (for scope checks and approvals). */
export interface ActionTarget {
  kind: 'host' | 'segment' | 'service';
  /** Hostname, segment id or service id. */
  ref: string;
  entity: string;
}

/** One connector call, with the call that undoes it (null when nothing needs undoing, e.g. a sweep). */
export interface ActionSpec {
  /** Unique within the plan, stable: `a0001`, `a0002`, ... */
  id: string;
  /** Connector id: `agent`, `gateway`, `webhook`, `mde`, ... */
  connector: string;
  /** Operation of that connector: `isolate`, `release`, `sweep`, `triage`, `shutdown`, `cut`, `restore`, ... */
  operation: string;
  target: ActionTarget;
  args: Record<string, unknown>;
  reversal: { operation: string; args: Record<string, unknown> } | null;
  /** Human-readable, e.g. "isolate tk-fs01 (hik-hd)". */
  label: string;
}

/** The impact of a plan before it runs (from the estate graph's isolation impact). */
export interface PlanImpact {
  hostsAffected: number;
  /** Services that go down or degrade, and whose they are. */
  services: IsolationImpact['services'];
  lostPerHour: UnitRate[];
  byEntity: IsolationImpact['byEntity'];
  byRegion: IsolationImpact['byRegion'];
  /** External links cut (segment id and link name). */
  externalLinksCut: { segment: string; kind: string; name: string }[];
  /** Segment-to-segment links cut. */
  linksCut: { from: string; to: string }[];
  assumptions: string[];
  /** Hosts affected, by criticality (policies may ask more approvals when critical hosts are hit). */
  hostsByCriticality?: Record<'low' | 'medium' | 'high' | 'critical', number>;
}

/** A plan as proposed: pure data, recorded in the incident log by `plan.proposed`. */
export interface ProposedPlan {
  kind: PlanKind;
  title: string;
  /** Why the planner proposes it (e.g. "2 hosts in scope in segment jp-office"). */
  rationale: string;
  /** Entities and regions the plan touches (for approvals and visibility). */
  entities: string[];
  regions: string[];
  actions: ActionSpec[];
  impact: PlanImpact;
  /** What was asked for (`{ kind, target }`), so that the same plan can be built again. */
  request?: { kind: PlanKind; target: Record<string, unknown> };
}

/** Action states. `verified`, `failed` and `rolled_back` are final for a direction. */
export const ACTION_STATES = ['requested', 'sent', 'applied', 'verified', 'failed', 'rolled_back'] as const;
export type ActionState = (typeof ACTION_STATES)[number];
export const FINAL_ACTION_STATES: readonly ActionState[] = ['verified', 'failed', 'rolled_back'];

/** An action handed to a connector: the spec plus where it belongs and its idempotency key. */
export interface ExecutableAction {
  incidentId: string;
  planId: string;
  /** `forward` runs the operation; `reverse` runs the reversal. */
  direction: 'forward' | 'reverse';
  /** The operation and args to run (the reversal's, when reversing). */
  operation: string;
  args: Record<string, unknown>;
  connector: string;
  target: ActionTarget;
  actionId: string;
  /**
   * Stable across a crash and a resume of the same attempt, new for each retry: connectors use it so that
   * calling `execute` again finds the call already made instead of making a second one.
   */
  key: string;
  attempt: number;
}

/** What a connector reports at the end of an execution. */
export interface ActionOutcome {
  state: 'verified' | 'applied' | 'failed';
  /** Evidence from the endpoint (probes, ruleset hash, sweep findings, the vendor's action id and status). */
  evidence?: Record<string, unknown>;
  /** On failure: a code and a message for people. */
  error?: { code: string; message: string };
  /** On failure: whether trying again may help (timeouts, 5xx, an offline agent), as opposed to a refusal. */
  retryable?: boolean;
  /** On a retryable failure: the earliest the target accepts another try (HTTP 429/503 `Retry-After`). */
  retryAfterMs?: number;
}

export interface ConnectorContext {
  now: () => Date;
  /** Aborted when the executor gives up on the attempt (timeout) or shuts down. */
  signal: AbortSignal;
  /** Intermediate progress: the call was made (`sent`) or the change is in place but not verified (`applied`); in `executeMany`, `key` says which action. */
  progress: (state: 'sent' | 'applied', evidence?: Record<string, unknown>, key?: string) => void;
}

export interface ConnectorOperation {
  name: string;
  targetKinds: ActionTarget['kind'][];
  /** The operation that undoes it, or null. */
  reversal: string | null;
  /** Whether the connector can prove the effect (`verified`) or only that it was accepted (`applied`). */
  proves: 'verified' | 'applied';
  description: string;
}

export interface ConnectorManifest {
  id: string;
  name: string;
  description: string;
  operations: ConnectorOperation[];
  /**
   * How long one attempt may take before the executor gives up on it (aborts `ctx.signal` and records a
   * retryable `timeout` failure). For the agent: the command's TTL plus its result grace. Default: the executor's.
   */
  timeoutMs?: number;
  /** Settings it needs (names only, never values), e.g. `FIREBREAK_WEBHOOK_SECRET`. */
  secrets?: string[];
}

/** A connector: a manifest and one `execute()`. `executeMany` is an optional batch form for large fan-outs. */
export interface Connector {
  manifest: ConnectorManifest;
  execute(action: ExecutableAction, ctx: ConnectorContext): Promise<ActionOutcome>;
  /** Same contract as `execute` for many actions at once; results in the same order. */
  executeMany?(actions: readonly ExecutableAction[], ctx: ConnectorContext): Promise<ActionOutcome[]>;
}

/** One action as the executor keeps it (durably): the spec, its direction, its state and its history. */
export interface ActionRecord {
  incidentId: string;
  planId: string;
  actionId: string;
  direction: 'forward' | 'reverse';
  connector: string;
  operation: string;
  args: Record<string, unknown>;
  target: ActionTarget;
  label: string;
  state: ActionState;
  attempts: number;
  /** Evidence of the latest outcome (probes, ruleset hash, sweep findings, vendor status). */
  evidence: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  /** Every state change, oldest first. */
  history: { state: ActionState; at: string; detail?: string }[];
  createdAt: string;
  updatedAt: string;
  /** When the executor takes it up next (now, or a retry's time); null once nothing more is to be done. */
  nextAttemptAt?: string | null;
  /** The server node running its current attempt, if any. */
  node?: string | null;
  /** The idempotency key of the latest attempt (`plan/action/direction/attempt`), null before the first. */
  key?: string | null;
}

/** What the plan services hand to the executor (implemented in `src/executor/`, an edge). */
export interface PlanSubmission {
  incidentId: string;
  planId: string;
  actions: readonly ActionSpec[];
  /** `user:alice` or `system:...`: who caused the run (the approver whose approval completed it). */
  actor: string;
}

/** The executor as the services see it. Progress is published on the bus as `plan.<planId>.actions`. */
export interface PlanExecutor {
  /** Records every action durably (state `requested`) before returning; idempotent per plan, action and direction. */
  submit(submission: PlanSubmission): Promise<void>;
  /** Queues the reversal of every action (or of `actionIds`) whose forward run reached `applied` or `verified`. */
  rollback(input: { incidentId: string; planId: string; actor: string; actionIds?: readonly string[] }): Promise<void>;
  list(planId: string): Promise<ActionRecord[]>;
  /** How many actions of the plan are in each state, per direction (without reading the actions). */
  counts(planId: string): Promise<ExecutionCounts>;
}

/** Actions of a plan per direction and state. */
export type ExecutionCounts = Record<'forward' | 'reverse', Partial<Record<ActionState, number>>>;

/** Inputs and results of approval evaluation (see `approvals.ts`). */
import type { ApprovalScope, PolicyRole } from './policy.schema.js';

/** Who someone is for the policy: their role and entities (`'*'` for all). */
export interface ApproverInfo {
  username: string;
  role: string;
  entities: readonly string[] | '*';
  /** A disabled account's approvals stop counting. */
  disabled?: boolean;
}

/** A decision by a person, with their role and entities as they were when they made it. */
export interface DecisionRecord {
  by: string;
  at: string;
  role: string;
  entities: readonly string[] | '*';
}

export interface ApprovalRecord extends DecisionRecord {
  expiresAt: string;
  comment?: string;
}

export interface ReasonedRecord extends DecisionRecord {
  reason: string;
}

export interface ApprovalContext {
  /** Username of the person who asked for the plan. */
  requester: string;
  approvals: readonly ApprovalRecord[];
  rejections?: readonly ReasonedRecord[];
  breakGlass?: readonly ReasonedRecord[];
  now: Date;
  /** People as they are now (role changes and disabled accounts apply); absent: the recorded role and entities. */
  principalsInfo?: ReadonlyMap<string, ApproverInfo>;
  /** Username of the incident's named commander. */
  incidentCommander?: string | null;
  /** Entities of each region of the estate, for `scope: region` (absent: the plan's own entities). */
  regionEntities?: Readonly<Record<string, readonly string[]>>;
}

export interface RequirementStatus {
  name: string;
  roles: PolicyRole[];
  scope: ApprovalScope;
  incidentCommander: boolean;
  /** Who it asks for, in words: "entity_lead of every entity of emea". */
  needs: string;
  satisfied: boolean;
  /** Who fills it (the requester, while nobody else has approved, fills it without satisfying it). */
  by: string | null;
  approvedAt: string | null;
  expiresAt: string | null;
  /** Why it is not satisfied. */
  why: string | null;
}

export type EvaluationOutcome = 'satisfied' | 'pending' | 'rejected' | 'break_glass' | 'no_rule';

export interface ApprovalEvaluation {
  outcome: EvaluationOutcome;
  /** True when the plan may run: every requirement satisfied, or a valid break-glass. */
  satisfied: boolean;
  rule: string | null;
  requirements: RequirementStatus[];
  /** Approvals that do not count, and why. */
  ignored: { by: string; at: string; reason: string }[];
  rejectedBy: { by: string; at: string; reason: string } | null;
  breakGlass: { by: string; at: string; reason: string } | null;
  /** When the first counted approval lapses. */
  expiresAt: string | null;
  /** One line for people. */
  summary: string;
}

/** Whether one person may approve now, and which requirement their approval would fill. */
export type ApprovalCheck = { ok: true; requirement: string } | { ok: false; reason: string };

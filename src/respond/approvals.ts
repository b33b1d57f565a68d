/**
 * Approval evaluation (pure): given a plan, the policy and the decisions recorded so far, which requirement
 * each approval fills, which do not count and why, and whether the plan may run.
 *
 * Rules: an approver needs the role AND the entity/region scope of a requirement; one person fills at most one
 * requirement; expired approvals do not count; the requester never approves alone (their approval fills at
 * most one requirement, and only counts once someone else's fills another; a plan needing one approval needs
 * someone else); a rejection by an eligible approver ends the plan; a valid break-glass runs it at once.
 */
import { coversPlan, describeRequirement, mainReason, whyNotEligible } from './approvals.eligibility.js';
import type {
  ApprovalCheck,
  ApprovalContext,
  ApprovalEvaluation,
  ApprovalRecord,
  ApproverInfo,
  DecisionRecord,
  ReasonedRecord,
  RequirementStatus,
} from './approvals.types.js';
import { ruleFor } from './policy.match.js';
import type { ApprovalRequirement, Policy } from './policy.schema.js';
import type { ProposedPlan } from './types.js';

type Plan = Pick<ProposedPlan, 'kind' | 'entities' | 'regions' | 'impact'>;

function whoIs(record: DecisionRecord, ctx: ApprovalContext): ApproverInfo {
  return ctx.principalsInfo?.get(record.by) ?? { username: record.by, role: record.role, entities: record.entities };
}

/** The latest live approval of each person; the others are ignored with a reason. */
function liveApprovals(ctx: ApprovalContext, ignored: ApprovalEvaluation['ignored']): ApprovalRecord[] {
  const latest = new Map<string, ApprovalRecord>();
  for (const approval of ctx.approvals) {
    if (Date.parse(approval.expiresAt) <= ctx.now.getTime()) {
      ignored.push({ by: approval.by, at: approval.at, reason: `expired at ${approval.expiresAt}` });
      continue;
    }
    const previous = latest.get(approval.by);
    if (previous) ignored.push({ by: previous.by, at: previous.at, reason: 'replaced by a later approval of the same person' });
    latest.set(approval.by, approval);
  }
  return [...latest.values()];
}

/** Maximum matching of requirements to approvers (one each), by augmenting paths; requirements are few. */
function match(eligible: readonly (readonly number[])[], approvers: number): (number | null)[] {
  const owner: (number | null)[] = new Array<number | null>(approvers).fill(null);
  const tryAssign = (req: number, seen: Set<number>): boolean => {
    for (const a of eligible[req] ?? []) {
      if (seen.has(a)) continue;
      seen.add(a);
      const holder = owner[a];
      if (holder === null || holder === undefined || tryAssign(holder, seen)) {
        owner[a] = req;
        return true;
      }
    }
    return false;
  };
  eligible.forEach((_, req) => tryAssign(req, new Set()));
  const byReq: (number | null)[] = eligible.map(() => null);
  owner.forEach((req, a) => {
    if (req !== null && req !== undefined) byReq[req] = a;
  });
  return byReq;
}

interface Matching {
  approvals: ApprovalRecord[];
  reasons: (string | null)[][];
  filledBy: (number | null)[];
}

function matchApprovals(plan: Plan, reqs: readonly ApprovalRequirement[], ctx: ApprovalContext, live: ApprovalRecord[], ignored: ApprovalEvaluation['ignored']): Matching {
  const requesterAlone = reqs.length < 2;
  const approvals: ApprovalRecord[] = [];
  const reasons: (string | null)[][] = [];
  for (const approval of live) {
    const who = whoIs(approval, ctx);
    const why = reqs.map((req) => whyNotEligible(who, req, plan, ctx));
    if (approval.by === ctx.requester && requesterAlone) {
      ignored.push({ by: approval.by, at: approval.at, reason: 'the requester cannot approve alone: someone else must approve this plan' });
    } else if (why.every((reason) => reason !== null)) {
      ignored.push({ by: approval.by, at: approval.at, reason: mainReason(who, reqs, why) });
    } else {
      approvals.push(approval);
      reasons.push(why);
    }
  }
  const eligible = reqs.map((_, r) => approvals.flatMap((_, a) => (reasons[a]?.[r] === null ? [a] : [])));
  return { approvals, reasons, filledBy: match(eligible, approvals.length) };
}

function requirementStatus(plan: Plan, req: ApprovalRequirement, r: number, m: Matching, ctx: ApprovalContext, onlyRequester: boolean): RequirementStatus {
  const base = { name: req.name, roles: req.roles, scope: req.scope, incidentCommander: req.incidentCommander, needs: describeRequirement(req, plan) };
  const a = m.filledBy[r];
  const approval = a === null || a === undefined ? undefined : m.approvals[a];
  if (approval) {
    const pending = onlyRequester && approval.by === ctx.requester;
    const why = pending ? `${approval.by} asked for the plan: their approval counts once someone else approves` : null;
    return { ...base, satisfied: !pending, by: approval.by, approvedAt: approval.at, expiresAt: approval.expiresAt, why };
  }
  const busy = m.approvals.filter((_, i) => m.reasons[i]?.[r] === null).map((x) => x.by);
  const why = busy.length > 0 ? `${busy.join(', ')} already fill${busy.length === 1 ? 's' : ''} another requirement (one person fills one)` : `waiting for ${base.needs}`;
  return { ...base, satisfied: false, by: null, approvedAt: null, expiresAt: null, why };
}

/** The first valid decision of a kind, with why the invalid ones do not count. */
function firstValid(records: readonly ReasonedRecord[] | undefined, valid: (record: ReasonedRecord) => boolean) {
  const found = (records ?? []).find(valid);
  return found ? { by: found.by, at: found.at, reason: found.reason } : null;
}

function eligibleForAny(who: ApproverInfo, plan: Plan, reqs: readonly ApprovalRequirement[], ctx: ApprovalContext): boolean {
  return reqs.some((req) => whyNotEligible(who, req, plan, ctx) === null);
}

/** Whether a break-glass record is valid under the policy: an allowed role, a long enough reason, the plan's entities. */
export function breakGlassProblem(who: ApproverInfo, reason: string, plan: Pick<Plan, 'entities' | 'regions'>, policy: Policy): string | null {
  const rules = policy.breakGlass;
  if (!rules) return 'this policy allows no break-glass';
  if (who.disabled === true) return `${who.username}'s account is disabled`;
  if (!(rules.roles as readonly string[]).includes(who.role)) return `${who.username} is ${who.role}; break-glass needs ${rules.roles.join(' or ')}`;
  if (reason.trim().length < rules.minReasonLength) return `the reason must be at least ${rules.minReasonLength} characters: say why this cannot wait for approval`;
  if (!coversPlan(who, plan)) return `${who.username}'s entities do not cover ${plan.entities.join(', ')}`;
  return null;
}

function summarise(outcome: ApprovalEvaluation['outcome'], requirements: readonly RequirementStatus[]): string {
  if (outcome === 'no_rule') return 'no policy rule matches this plan: only break-glass can run it';
  if (outcome === 'rejected') return 'rejected';
  if (outcome === 'break_glass') return 'run by break-glass';
  const open = requirements.filter((r) => !r.satisfied);
  if (open.length === 0) return `approved (${requirements.map((r) => `${r.name}: ${r.by ?? ''}`).join(', ')})`;
  const waiting = open.filter((r) => r.by === null).map((r) => `${r.name} (${r.needs})`);
  const held = open.filter((r) => r.by !== null).map((r) => `; ${r.by ?? ''}'s approval (${r.name}) counts once someone else approves`);
  return `needs ${waiting.join(' and ')}${held.join('')}`;
}

/**
 * Evaluates the approvals of a plan under a policy.
 *
 * @example
 * const evaluation = evaluateApprovals(plan, policy, { requester: 'cora', approvals, now: new Date(), principalsInfo });
 * evaluation.satisfied; // true once the commander and the region lead (two people) have approved
 * evaluation.requirements.find((r) => !r.satisfied)?.why; // 'waiting for entity_lead covering all of emea'
 */
export function evaluateApprovals(plan: Plan, policy: Policy, ctx: ApprovalContext): ApprovalEvaluation {
  const rule = ruleFor(plan, policy);
  const reqs = rule?.approvals ?? [];
  const ignored: ApprovalEvaluation['ignored'] = [];
  const m = matchApprovals(plan, reqs, ctx, liveApprovals(ctx, ignored), ignored);
  const fillers = new Set(m.filledBy.flatMap((a) => (a === null || a === undefined ? [] : [m.approvals[a]?.by])));
  const onlyRequester = fillers.size === 1 && fillers.has(ctx.requester);
  const requirements = reqs.map((req, r) => requirementStatus(plan, req, r, m, ctx, onlyRequester));
  const rejectedBy = firstValid(ctx.rejections, (x) => eligibleForAny(whoIs(x, ctx), plan, reqs, ctx));
  const breakGlass = firstValid(ctx.breakGlass, (x) => breakGlassProblem(whoIs(x, ctx), x.reason, plan, policy) === null);
  const allFilled = rule !== undefined && requirements.every((r) => r.satisfied);
  const outcome =
    breakGlass && (!rejectedBy || breakGlass.at < rejectedBy.at) ? 'break_glass' : rejectedBy ? 'rejected' : !rule ? 'no_rule' : allFilled ? 'satisfied' : 'pending';
  const expiries = requirements.flatMap((r) => (r.expiresAt ? [r.expiresAt] : [])).sort();
  return {
    outcome,
    satisfied: outcome === 'satisfied' || outcome === 'break_glass',
    rule: rule?.name ?? null,
    requirements,
    ignored,
    rejectedBy,
    breakGlass,
    expiresAt: expiries[0] ?? null,
    summary: summarise(outcome, requirements),
  };
}

/**
 * Whether `who` may approve now: their approval must count (fill a requirement). For the requester of a plan
 * that needs two approvals or more, it counts once someone else approves.
 *
 * @example
 * checkApproval(plan, policy, ctx, bob); // { ok: false, reason: 'bob is responder; needs entity_lead' }
 */
export function checkApproval(plan: Plan, policy: Policy, ctx: ApprovalContext, who: ApproverInfo, expiresAt: string): ApprovalCheck {
  const rule = ruleFor(plan, policy);
  if (!rule) return { ok: false, reason: 'no policy rule matches this plan: only break-glass can run it' };
  if (ctx.approvals.some((a) => a.by === who.username && Date.parse(a.expiresAt) > ctx.now.getTime())) {
    return { ok: false, reason: `${who.username} has already approved this plan` };
  }
  const mine: ApprovalRecord = { by: who.username, at: ctx.now.toISOString(), role: who.role, entities: who.entities, expiresAt };
  const infos = new Map(ctx.principalsInfo ?? []);
  infos.set(who.username, who);
  const after = evaluateApprovals(plan, policy, { ...ctx, approvals: [...ctx.approvals, mine], principalsInfo: infos });
  const filled = after.requirements.find((r) => r.by === who.username);
  if (filled) return { ok: true, requirement: filled.name };
  const why = after.ignored.find((x) => x.by === who.username && x.at === mine.at)?.reason;
  const taken = after.requirements.filter((r) => r.by !== null).map((r) => `${r.name} by ${r.by ?? ''}`);
  return { ok: false, reason: why ?? `nothing left for ${who.username} to approve (${taken.join(', ')})` };
}

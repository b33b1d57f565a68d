/** Whether a person may fill an approval requirement: the role AND the entity or region scope it asks for. */
import type { ApprovalContext, ApproverInfo } from './approvals.types.js';
import type { ApprovalRequirement } from './policy.schema.js';
import type { ProposedPlan } from './types.js';

type PlanScope = Pick<ProposedPlan, 'entities' | 'regions'>;

function missingEntities(who: ApproverInfo, wanted: readonly string[]): string[] {
  if (who.entities === '*') return [];
  const mine = new Set(who.entities);
  return wanted.filter((entity) => !mine.has(entity));
}

/** The entities a `region` requirement must cover: every entity of each of the plan's regions. */
function regionEntities(plan: PlanScope, ctx: Pick<ApprovalContext, 'regionEntities'>): { region: string; entities: readonly string[] }[] {
  return plan.regions.map((region) => ({ region, entities: ctx.regionEntities?.[region] ?? plan.entities }));
}

/**
 * Who a requirement asks for, in words.
 *
 * @example
 * describeRequirement({ roles: ['entity_lead'], scope: 'region', incidentCommander: false }, plan); // 'entity_lead covering all of emea'
 */
export function describeRequirement(req: Pick<ApprovalRequirement, 'roles' | 'scope' | 'incidentCommander'>, plan: PlanScope): string {
  const roles = req.roles.join(' or ');
  const scope =
    req.scope === 'entity' ? ` of ${plan.entities.join(', ')}` : req.scope === 'region' ? ` covering all of ${plan.regions.join(', ') || 'its region'}` : '';
  return `${roles}${scope}${req.incidentCommander ? ', or the incident commander' : ''}`;
}

/**
 * Null when `who` may fill `req` for `plan`, else why not.
 *
 * @example
 * whyNotEligible(bob, { roles: ['entity_lead'], scope: 'entity', incidentCommander: false }, plan, ctx);
 * // 'bob is responder; needs entity_lead'
 */
export function whyNotEligible(
  who: ApproverInfo,
  req: Pick<ApprovalRequirement, 'roles' | 'scope' | 'incidentCommander'>,
  plan: PlanScope,
  ctx: Pick<ApprovalContext, 'incidentCommander' | 'regionEntities'>,
): string | null {
  if (who.disabled === true) return `${who.username}'s account is disabled`;
  if (req.incidentCommander && ctx.incidentCommander === who.username) return null;
  if (!(req.roles as readonly string[]).includes(who.role)) {
    return `${who.username} is ${who.role}; needs ${req.roles.join(' or ')}${req.incidentCommander ? ' or the incident commander' : ''}`;
  }
  if (req.scope === 'entity') {
    const missing = missingEntities(who, plan.entities);
    return missing.length === 0 ? null : `${who.username}'s entities do not include ${missing.join(', ')}`;
  }
  if (req.scope === 'region') {
    for (const { region, entities } of regionEntities(plan, ctx)) {
      const missing = missingEntities(who, entities);
      if (missing.length > 0) return `${who.username} does not cover region ${region} (missing ${missing.join(', ')})`;
    }
  }
  return null;
}

/**
 * The reason to show when `who` fills none of `reqs`: the scope problem of a requirement whose role they hold,
 * else the role problem of the first.
 */
export function mainReason(who: ApproverInfo, reqs: readonly Pick<ApprovalRequirement, 'roles'>[], reasons: readonly (string | null)[]): string {
  const fitting = reqs.findIndex((req) => (req.roles as readonly string[]).includes(who.role));
  return reasons[fitting >= 0 ? fitting : 0] ?? 'not eligible';
}

/** Whether `who` covers every entity of the plan (break-glass, rollback). */
export function coversPlan(who: ApproverInfo, plan: PlanScope): boolean {
  return missingEntities(who, plan.entities).length === 0;
}

/** Which policy rule governs a plan: the first rule (in file order) whose kinds and conditions match it. */
import type { Policy, PolicyRule, RuleConditions } from './policy.schema.js';
import type { ProposedPlan } from './types.js';

type PlanFacts = Pick<ProposedPlan, 'kind' | 'entities'> & { impact: Pick<ProposedPlan['impact'], 'hostsAffected' | 'hostsByCriticality'> };

function conditionsHold(when: RuleConditions | undefined, plan: PlanFacts): boolean {
  if (when === undefined) return true;
  const hosts = plan.impact.hostsAffected;
  if (when.minHosts !== undefined && hosts < when.minHosts) return false;
  if (when.maxHosts !== undefined && hosts > when.maxHosts) return false;
  if (when.multiEntity !== undefined && when.multiEntity !== plan.entities.length > 1) return false;
  if (when.criticality !== undefined) {
    const counts = plan.impact.hostsByCriticality;
    // Without the counts, assume the plan matches: criticality conditions select the stricter rules.
    if (counts !== undefined && !when.criticality.some((level) => counts[level] > 0)) return false;
  }
  return true;
}

/**
 * The rule for a plan, or undefined when none matches (then only break-glass can run it).
 *
 * @example
 * ruleFor(plan, policy)?.name; // 'region-shutdown'
 */
export function ruleFor(plan: PlanFacts, policy: Policy): PolicyRule | undefined {
  return policy.rules.find((rule) => rule.kinds.includes(plan.kind) && conditionsHold(rule.when, plan));
}

/**
 * Checks a policy beyond its shape: unique names, sensible conditions, and rules that can never apply because
 * an earlier rule already takes every plan of their kinds.
 */
import type { FieldPath } from '../estate/index.js';
import type { Policy, PolicyRule } from './policy.schema.js';

/** A problem located by field path; the parser adds file, line and column. */
export interface PolicyProblem {
  path: FieldPath;
  message: string;
  hint: string;
  at?: 'key' | 'value';
}

function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    if (seen.has(key(item))) out.push(i);
    seen.add(key(item));
  });
  return out;
}

function ruleProblems(rule: PolicyRule, i: number): PolicyProblem[] {
  const problems: PolicyProblem[] = duplicates(rule.approvals, (a) => a.name).map((j) => ({
    path: ['rules', i, 'approvals', j, 'name'],
    message: `approval name \`${rule.approvals[j]?.name ?? ''}\` is used twice in rule ${rule.name}`,
    hint: 'give each approval of a rule its own name, e.g. entity-lead and region-lead',
  }));
  const when = rule.when;
  if (when?.minHosts !== undefined && when.maxHosts !== undefined && when.minHosts > when.maxHosts) {
    problems.push({ path: ['rules', i, 'when', 'minHosts'], message: `minHosts ${when.minHosts} is above maxHosts ${when.maxHosts}`, hint: 'no plan can match; swap the two numbers' });
  }
  return problems;
}

/** Rules shadowed by an earlier rule without conditions that covers all their kinds. */
function shadowed(rules: readonly PolicyRule[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const caught = new Map<string, string>();
  rules.forEach((rule, i) => {
    const by = rule.kinds.map((kind) => caught.get(kind));
    if (by.every((name) => name !== undefined)) {
      problems.push({
        path: ['rules', i, 'kinds'],
        message: `rule ${rule.name} never applies: rule ${by[0] ?? ''} comes first and has no \`when\`, so it takes every plan of these kinds`,
        hint: `move ${rule.name} above ${by[0] ?? ''}, or give ${by[0] ?? ''} a \`when:\` condition`,
      });
    }
    if (rule.when === undefined) for (const kind of rule.kinds) if (!caught.has(kind)) caught.set(kind, rule.name);
  });
  return problems;
}

/**
 * Every problem of a policy that its schema accepted.
 *
 * @example
 * checkPolicy(policy); // [] for a good policy
 */
export function checkPolicy(policy: Policy): PolicyProblem[] {
  const names = duplicates(policy.rules, (rule) => rule.name).map((i) => ({
    path: ['rules', i, 'name'],
    message: `rule name \`${policy.rules[i]?.name ?? ''}\` is used twice`,
    hint: 'give every rule its own name; approvals and plans refer to rules by name',
  }));
  return [...names, ...policy.rules.flatMap(ruleProblems), ...shadowed(policy.rules)];
}

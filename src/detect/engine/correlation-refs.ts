/** Checks that every correlation refers to loaded rules or correlations (by id or name), without cycles. */
import type { LoadProblem } from '../sigma/problems.js';
import type { CorrelationRule } from '../sigma/types.js';
import type { RuleInfo } from './match.js';

function problem(rule: CorrelationRule, reason: string): LoadProblem {
  return { file: rule.file, line: rule.line, ...(rule.id ? { ruleId: rule.id } : {}), reason };
}

function known(ref: string, rules: readonly RuleInfo[], correlations: readonly CorrelationRule[]): boolean {
  return rules.some((r) => r.id === ref || r.name === ref) || correlations.some((c) => c.id === ref || c.name === ref);
}

function hasCycle(start: CorrelationRule, all: readonly CorrelationRule[]): boolean {
  const seen = new Set<CorrelationRule>();
  const visit = (rule: CorrelationRule): boolean => {
    if (seen.has(rule)) return rule === start;
    seen.add(rule);
    return rule.correlation.rules.some((ref) => all.filter((c) => c.id === ref || c.name === ref).some(visit));
  };
  return visit(start);
}

/**
 * The correlations whose references all resolve; the others are reported as problems and dropped.
 *
 * @example
 * const usable = checkCorrelations(correlations, engineRules, problems);
 */
export function checkCorrelations(candidates: readonly CorrelationRule[], rules: readonly RuleInfo[], problems: LoadProblem[]): CorrelationRule[] {
  let usable = [...candidates];
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of usable) {
      const missing = rule.correlation.rules.filter((ref) => !known(ref, rules, usable));
      if (missing.length === 0) continue;
      problems.push(problem(rule, `correlation refers to unknown rule(s): ${missing.join(', ')}`));
      usable = usable.filter((r) => r !== rule);
      changed = true;
      break;
    }
  }
  const cyclic = usable.filter((r) => hasCycle(r, usable));
  for (const rule of cyclic) problems.push(problem(rule, 'correlation refers to itself through other correlations'));
  return usable.filter((r) => !cyclic.includes(r));
}

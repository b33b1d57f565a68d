/**
 * The rules that share one logsource, with their shared prefilter. A group is evaluated for an event when the
 * source index says the event belongs to the logsource.
 */
import type { EventView } from '../fields/event-view.js';
import type { Predicate } from '../compile/field-item.js';
import { Prefilter, type PrefilterStats } from '../compile/prefilter.js';
import type { Requirement } from '../compile/requirement.js';
import type { Logsource } from '../sigma/types.js';
import type { RuleInfo } from './match.js';

/** A detection rule ready to run. `order` is its position in the engine (matches are reported in that order). */
export interface CompiledRule {
  order: number;
  info: RuleInfo;
  predicate: Predicate;
  requirement: Requirement;
}

/**
 * @example
 * const group = new RuleGroup('windows/process_creation/', logsource, rules);
 * group.run(view, hits);
 */
export class RuleGroup {
  private readonly prefilter: Prefilter;

  constructor(
    readonly key: string,
    readonly logsource: Logsource,
    readonly rules: readonly CompiledRule[],
  ) {
    this.prefilter = new Prefilter(rules.map((r) => r.requirement));
  }

  /** Appends the rules of this group that match the event in the view. */
  run(view: EventView, hits: CompiledRule[]): void {
    const prefilter = this.prefilter;
    const count = prefilter.collect(view);
    const candidates = prefilter.candidates;
    for (let i = 0; i < count; i += 1) {
      const rule = this.rules[candidates[i]!]!;
      if (rule.predicate(view)) hits.push(rule);
    }
  }

  /** Runs every rule without the prefilter (for tests that check the prefilter never hides a match). */
  runAll(view: EventView, hits: CompiledRule[]): void {
    for (const rule of this.rules) if (rule.predicate(view)) hits.push(rule);
  }

  stats(): PrefilterStats {
    return this.prefilter.stats();
  }
}

/**
 * The state of one correlation rule: per group (the group-by values), the recent matches in its time window,
 * and the decision when the correlation fires.
 *
 * - Conditions with only lower bounds (gt, gte; the default for temporal) are checked on every new match over
 *   a sliding window of `timespan`; after firing, the group starts again from nothing.
 * - Conditions with an upper bound or an exact count (lt, lte, eq, neq, ranges) can only be decided when the
 *   window is over: windows start at a group's first match, are closed by the clock (a later event, or
 *   flush) and checked then. A group that never matches is never seen, so "fewer than N" needs at least one.
 */
import type { CorrelationRule, CountCondition } from '../sigma/types.js';
import type { Match } from './match.js';

/** One match in a group's window; `position` is its index in the correlation's `rules` list. */
export interface WindowEntry {
  time: number;
  match: Match;
  position: number;
  /** value_count: the counted value(s) of the match, as one key. */
  value: string;
}

/** A correlation that fired: its group, the count reached and the contributing matches. */
export interface Fired {
  group: Readonly<Record<string, string | null>>;
  count: number;
  entries: readonly WindowEntry[];
}

export interface GroupState {
  values: Readonly<Record<string, string | null>>;
  entries: WindowEntry[];
  windowStart: number;
}

/** Whether every bound of the condition holds for the count. */
export function satisfies(condition: CountCondition, count: number): boolean {
  const { gt, gte, lt, lte, eq, neq } = condition;
  return (
    (gt === undefined || count > gt) &&
    (gte === undefined || count >= gte) &&
    (lt === undefined || count < lt) &&
    (lte === undefined || count <= lte) &&
    (eq === undefined || count === eq) &&
    (neq === undefined || count !== neq)
  );
}

/** True when the condition has only lower bounds, so that it can be decided as soon as it holds. */
export function isMonotone(condition: CountCondition): boolean {
  return condition.lt === undefined && condition.lte === undefined && condition.eq === undefined && condition.neq === undefined;
}

/** The count a correlation type compares with its condition. */
export function countOf(rule: CorrelationRule, entries: readonly WindowEntry[]): number {
  switch (rule.correlation.type) {
    case 'event_count':
      return entries.length;
    case 'value_count':
      return new Set(entries.map((e) => e.value)).size;
    case 'temporal':
    case 'temporal_ordered':
      return new Set(entries.map((e) => rule.correlation.rules[e.position])).size;
  }
}

/**
 * temporal_ordered: the latest chain of matches of rules[0], rules[1], ... in that order that ends with the
 * newest entry, or undefined. Going backwards and taking the latest possible match each time keeps the chain
 * as short as possible, so it fits the window whenever any chain does.
 */
export function orderedChain(rule: CorrelationRule, entries: readonly WindowEntry[], now: number): WindowEntry[] | undefined {
  const names = rule.correlation.rules;
  const last = entries[entries.length - 1];
  if (!last || names[last.position] !== names[names.length - 1]) return undefined;
  const chain: WindowEntry[] = [last];
  let before = entries.length - 1;
  for (let step = names.length - 2; step >= 0; step -= 1) {
    let found = -1;
    for (let i = before - 1; i >= 0; i -= 1) {
      if (names[entries[i]!.position] === names[step] && entries[i]!.time <= chain[0]!.time) {
        found = i;
        break;
      }
    }
    if (found < 0 || entries[found]!.time < now - rule.correlation.timespanMs) return undefined;
    chain.unshift(entries[found]!);
    before = found;
  }
  return chain;
}

/**
 * Adds a match to its group and says whether the correlation fires (lower-bound conditions only; the others
 * are decided by closeWindow).
 *
 * @example
 * const fired = addToSliding(rule, state, entry); // undefined until the condition holds
 */
export function addToSliding(rule: CorrelationRule, state: GroupState, entry: WindowEntry): Fired | undefined {
  const horizon = entry.time - rule.correlation.timespanMs;
  state.entries = state.entries.filter((e) => e.time >= horizon);
  state.entries.push(entry);
  if (rule.correlation.type === 'temporal_ordered') {
    const chain = orderedChain(rule, state.entries, entry.time);
    if (!chain) return undefined;
    state.entries = [];
    return { group: state.values, count: chain.length, entries: chain };
  }
  const count = countOf(rule, state.entries);
  if (!satisfies(rule.correlation.condition, count)) return undefined;
  const entries = state.entries;
  state.entries = [];
  return { group: state.values, count, entries };
}

/** Checks a closed window (conditions with upper bounds); the group is emptied either way. */
export function closeWindow(rule: CorrelationRule, state: GroupState): Fired | undefined {
  const entries = state.entries;
  state.entries = [];
  if (entries.length === 0) return undefined;
  const count = rule.correlation.type === 'temporal_ordered' ? (orderedChain(rule, entries, entries[entries.length - 1]!.time)?.length ?? 0) : countOf(rule, entries);
  return satisfies(rule.correlation.condition, count) ? { group: state.values, count, entries } : undefined;
}

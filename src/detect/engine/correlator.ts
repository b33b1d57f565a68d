/**
 * The streaming correlation stage: rule matches go in (with the time of their event), correlation alerts come
 * out. The clock is the events' own time (the latest seen), never the wall clock, so replaying logs gives the
 * same alerts. Correlations may refer to other correlations: a fired correlation is fed on as a match of its
 * own rule, with its group values as the event.
 */
import { scalarText } from '../fields/event-view.js';
import type { CorrelationRule } from '../sigma/types.js';
import { alertBase, isoTime, type Alert } from './alert.js';
import { addToSliding, closeWindow, isMonotone, type Fired, type GroupState, type WindowEntry } from './correlation-window.js';
import { ruleInfo, type Match, type RuleInfo } from './match.js';

export interface CorrelatorOptions {
  /** Most groups kept per correlation; the oldest group is dropped beyond it (default 10,000). */
  maxGroups?: number;
  /**
   * Most matches kept per group (default 1,000); older ones are dropped first. Raised per correlation to what
   * its condition needs (`gte: 5000` keeps 5000), so a bound never makes a correlation impossible.
   */
  maxEntries?: number;
}

interface Runner {
  rule: CorrelationRule;
  info: RuleInfo;
  /** Referenced rule id -> its positions in `rules`. */
  positions: Map<string, number[]>;
  monotone: boolean;
  /** Most matches kept per group: the option, raised so that the condition's count can be reached. */
  maxEntries: number;
  groups: Map<string, GroupState>;
}

/** Matches a group must be able to hold to decide its condition (a count of `gte: 5000` needs 5000). */
function entriesNeeded(condition: CorrelationRule['correlation']['condition']): number {
  const { gt, gte, lt, lte, eq, neq } = condition;
  return Math.max(...[gt === undefined ? 0 : gt + 1, gte ?? 0, lt ?? 0, lte === undefined ? 0 : lte + 1, eq === undefined ? 0 : eq + 1, neq === undefined ? 0 : neq + 1]);
}

function refersTo(ref: string, info: RuleInfo): boolean {
  return ref === info.id || ref === info.name;
}

/** The field a group-by name reads for a rule: an alias maps rule names (or ids) to field names. */
function fieldFor(rule: CorrelationRule, groupField: string, source: RuleInfo): string {
  const alias = rule.correlation.aliases.get(groupField);
  if (!alias) return groupField;
  return alias.get(source.name ?? '') ?? alias.get(source.id) ?? groupField;
}

function valueOf(match: Match, field: string): string | null {
  return scalarText(match.record[field]) ?? null;
}

/**
 * @example
 * const correlator = new Correlator(engine.correlations, engine.rules);
 * for (const match of engine.evaluate(event)) alerts.push(...correlator.push(match, eventTime(match.record)));
 * alerts.push(...correlator.flush());
 */
export class Correlator {
  private readonly runners: Runner[];
  private clock = -Infinity;
  private readonly maxGroups: number;
  private readonly maxEntries: number;

  constructor(correlations: readonly CorrelationRule[], rules: readonly RuleInfo[], options: CorrelatorOptions = {}) {
    this.maxGroups = options.maxGroups ?? 10_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    const infos = correlations.map((c) => ruleInfo(c));
    const all = [...rules, ...infos];
    this.runners = correlations.map((rule, i) => {
      const positions = new Map<string, number[]>();
      rule.correlation.rules.forEach((ref, position) => {
        for (const target of all.filter((r) => refersTo(ref, r))) positions.set(target.id, [...(positions.get(target.id) ?? []), position]);
      });
      const maxEntries = Math.max(this.maxEntries, entriesNeeded(rule.correlation.condition));
      return { rule, info: infos[i]!, positions, monotone: isMonotone(rule.correlation.condition), maxEntries, groups: new Map() };
    });
  }

  /** Whether some correlation decides at the end of a window, so that the clock must follow every event. */
  get needsClock(): boolean {
    return this.runners.some((r) => !r.monotone);
  }

  /** Ids of the rules whose matches some correlation uses. */
  referencedRuleIds(): Set<string> {
    return new Set(this.runners.flatMap((r) => [...r.positions.keys()]));
  }

  /** Feeds one match at the time of its event (ms; undefined: the latest time seen). */
  push(match: Match, time: number | undefined): Alert[] {
    const at = time ?? (Number.isFinite(this.clock) ? this.clock : 0);
    const alerts = this.advance(at);
    this.feed(match, at, alerts);
    return alerts;
  }

  /** Moves the clock: windows that ended before `time` are decided. */
  advance(time: number): Alert[] {
    const alerts: Alert[] = [];
    if (time <= this.clock) return alerts;
    this.clock = time;
    for (const runner of this.runners) {
      for (const [key, state] of runner.groups) {
        const ended = state.windowStart + runner.rule.correlation.timespanMs < time;
        if (runner.monotone) {
          if (ended && state.entries.every((e) => e.time < time - runner.rule.correlation.timespanMs)) runner.groups.delete(key);
        } else if (ended) {
          runner.groups.delete(key);
          this.emit(runner, closeWindow(runner.rule, state), alerts);
        }
      }
    }
    return alerts;
  }

  /** Ends the stream: every open window is decided. */
  flush(): Alert[] {
    const alerts: Alert[] = [];
    for (const runner of this.runners) {
      if (!runner.monotone) for (const state of runner.groups.values()) this.emit(runner, closeWindow(runner.rule, state), alerts);
      runner.groups.clear();
    }
    return alerts;
  }

  private feed(match: Match, time: number, alerts: Alert[]): void {
    for (const runner of this.runners) {
      const positions = runner.positions.get(match.rule.id);
      if (!positions) continue;
      const values = Object.fromEntries(runner.rule.correlation.groupBy.map((f) => [f, valueOf(match, fieldFor(runner.rule, f, match.rule))]));
      const value = JSON.stringify(runner.rule.correlation.valueFields.map((f) => valueOf(match, f)));
      for (const position of positions) this.add(runner, values, { time, match, position, value }, alerts);
    }
  }

  private add(runner: Runner, values: Record<string, string | null>, entry: WindowEntry, alerts: Alert[]): void {
    const key = JSON.stringify(values);
    let state = runner.groups.get(key);
    if (!state) {
      if (runner.groups.size >= this.maxGroups) runner.groups.delete(runner.groups.keys().next().value!);
      runner.groups.set(key, (state = { values, entries: [], windowStart: entry.time }));
    }
    if (state.entries.length >= runner.maxEntries) state.entries.shift();
    if (runner.monotone) {
      state.windowStart = entry.time;
      this.emit(runner, addToSliding(runner.rule, state, entry), alerts);
    } else {
      if (state.entries.length === 0) state.windowStart = entry.time;
      state.entries.push(entry);
    }
  }

  private emit(runner: Runner, fired: Fired | undefined, alerts: Alert[]): void {
    if (!fired) return;
    const times = fired.entries.map((e) => e.time);
    const last = Math.max(...times);
    const alert = alertBase(runner.info, 'correlation', last);
    const first = isoTime(Math.min(...times));
    alert.correlation = {
      type: runner.rule.correlation.type,
      group: fired.group,
      count: fired.count,
      timespanMs: runner.rule.correlation.timespanMs,
      ...(first !== undefined ? { firstTime: first } : {}),
      events: fired.entries.map((e) => e.match.event),
      rules: [...new Set(fired.entries.map((e) => e.match.rule.id))],
    };
    alerts.push(alert);
    const record = { ...fired.group };
    this.feed({ rule: runner.info, event: alert, record }, last, alerts);
  }
}

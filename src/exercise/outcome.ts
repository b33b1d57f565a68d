/**
 * What an exercise run established (collected by the driver from the server, in scenario time), checked
 * against the scenario's expectations and compared with what happened in the real case.
 */
import { formatScenarioDuration, parseScenarioDuration } from './duration.js';
import type { Expectation, Scenario } from './scenario.schema.js';
import { EXPECTATION_KINDS } from './scenario.schema.js';

/** Scenario milliseconds from the start, or null when it did not happen. */
export type At = number | null;

export interface RegionOutcome {
  region: string;
  /** First containment action on the region verified (its business went dark). */
  downAt: At;
  /** Declared out of scope by its lead. */
  outOfScopeAt: At;
  /** Every containment action on it reversed, or its recovery completed. */
  restoredAt: At;
  /** Any host of the region in scope at the end. */
  inScope: boolean;
  /** Backlog accrued while down, per unit, and the time to work it off after restoration. */
  backlog: { unit: string; amount: number; hoursToClear: number | null }[];
}

export interface RunFacts {
  incidents: { id: string; openedAt: number }[];
  /** Where the worked incident stands in its lifecycle at the end (null without an incident). */
  incidentState: string | null;
  /** First alert raised (the attack starts at 0). */
  detectedAt: At;
  /** Every host in scope isolated and verified. */
  containedAt: At;
  /** Every region either in scope or declared out of scope. */
  scopeConfirmedAt: At;
  regions: RegionOutcome[];
  hostScope: Record<string, string>;
  obligations: { entity: string; rule: string; title: string; deadline: string | null; status: string }[];
  determinations: { entity: string; regime: string; result: string; confirmed: boolean }[];
  alerts: { rule: string; title: string; count: number }[];
  actions: { total: number; verified: number; failed: number; pending: number };
}

export interface ExpectationResult {
  kind: keyof Expectation;
  text: string;
  ok: boolean;
  detail: string;
}

const within = (at: At, limit: string | undefined): { ok: boolean; detail: string } => {
  if (at === null) return { ok: false, detail: 'did not happen' };
  const max = limit === undefined ? Infinity : (parseScenarioDuration(limit) ?? Infinity);
  return { ok: at <= max, detail: `after ${formatScenarioDuration(at)}` };
};

function check(item: Expectation, facts: RunFacts): Omit<ExpectationResult, 'kind'> {
  const region = (id: string) => facts.regions.find((r) => r.region === id);
  if (item.detected_within !== undefined) return { text: `detected within ${item.detected_within}`, ...within(facts.detectedAt, item.detected_within) };
  if (item.contained_within !== undefined) return { text: `contained within ${item.contained_within}`, ...within(facts.containedAt, item.contained_within) };
  if (item.incident_state !== undefined) return { text: `incident in ${item.incident_state}`, ok: facts.incidentState === item.incident_state, detail: facts.incidentState ?? 'no incident' };
  if (item.incidents !== undefined) return { text: `${item.incidents} incident(s)`, ok: facts.incidents.length === item.incidents, detail: `${facts.incidents.length} opened` };
  if (item.region_out_of_scope) {
    const { region: id, within: limit } = item.region_out_of_scope;
    return { text: `${id} declared out of scope${limit ? ` within ${limit}` : ''}`, ...within(region(id)?.outOfScopeAt ?? null, limit) };
  }
  if (item.region_in_scope) {
    const id = item.region_in_scope.region;
    return { text: `${id} in scope`, ok: region(id)?.inScope === true, detail: region(id)?.inScope ? 'hosts in scope' : 'no host in scope' };
  }
  if (item.host_scope) {
    const state = facts.hostScope[item.host_scope.host] ?? 'not in scope';
    return { text: `${item.host_scope.host} ${item.host_scope.state}`, ok: state === item.host_scope.state, detail: state };
  }
  if (item.recovered) {
    const { region: id, within: limit } = item.recovered;
    return { text: `${id} restored${limit ? ` within ${limit}` : ''}`, ...within(region(id)?.restoredAt ?? null, limit) };
  }
  if (item.obligation) {
    const { entity, rule, due, status } = item.obligation;
    const found = facts.obligations.find((o) => o.entity === entity && o.rule === rule);
    const detail = found ? `${found.status}${found.deadline ? `, due ${shortTime(found.deadline)}` : ''}` : 'not among the obligations';
    if (status !== undefined) return { text: `${entity} ${rule} ${status}`, ok: found?.status === status, detail };
    return { text: `${entity} ${due ? 'owes' : 'does not owe'} ${rule}`, ok: Boolean(found) === due, detail };
  }
  if (item.determination) {
    const { entity, regime, result } = item.determination;
    const found = facts.determinations.find((d) => d.entity === entity && d.regime === regime);
    return { text: `${entity} ${regime}: ${result}`, ok: found?.result === result, detail: found ? `${found.result}${found.confirmed ? ' (confirmed)' : ' (proposed)'}` : 'no determination' };
  }
  if (item.alerts_at_least) {
    const { count, rule } = item.alerts_at_least;
    const total = facts.alerts.filter((a) => !rule || a.rule === rule || a.title === rule).reduce((sum, a) => sum + a.count, 0);
    return { text: `at least ${count} alert(s)${rule ? ` of ${rule}` : ''}`, ok: total >= count, detail: `${total}` };
  }
  return { text: 'unknown expectation', ok: false, detail: '' };
}

/**
 * Checks every expectation of the scenario.
 *
 * @example
 * evaluateExpectations([{ detected_within: '15m' }], facts); // [{ kind: 'detected_within', ok: true, detail: 'after 2 min', ... }]
 */
export function evaluateExpectations(expectations: readonly Expectation[], facts: RunFacts): ExpectationResult[] {
  return expectations.map((item) => ({ kind: EXPECTATION_KINDS.find((key) => item[key] !== undefined) ?? 'incidents', ...check(item, facts) }));
}

export interface Comparison {
  label: string;
  then: number;
  now: At;
  note?: string;
}

/** The scenario's history (what happened in the real case) against this run. */
export function compareWithHistory(scenario: Scenario, facts: RunFacts): Comparison[] {
  return (scenario.history?.facts ?? []).map((fact) => {
    const region = fact.region ? facts.regions.find((r) => r.region === fact.region) : undefined;
    let now: At = null;
    if (fact.measure === 'time_to_detect') now = facts.detectedAt;
    else if (fact.measure === 'time_to_contain') now = facts.containedAt;
    else if (fact.measure === 'time_to_confirm_scope') now = facts.scopeConfirmedAt;
    else if (fact.measure === 'region_downtime') now = region ? downtime(region) : null;
    else now = region?.restoredAt ?? null;
    return { label: fact.label, then: parseScenarioDuration(fact.then) ?? 0, now, ...(fact.note ? { note: fact.note } : {}) };
  });
}

/** How long a region was dark: from its first verified containment to its restoration (0 if never down). */
export function downtime(region: RegionOutcome): At {
  if (region.downAt === null) return 0;
  return region.restoredAt === null ? null : region.restoredAt - region.downAt;
}

/** `2021-06-02T14:00:10.190Z` as `2021-06-02 14:00 UTC` (other text unchanged). */
function shortTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

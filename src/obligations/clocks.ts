/**
 * Obligation clocks: for each entity of the incident and each rule of the pack, whether it applies, its
 * status, deadline and time left at `now`, its filings, and the chain it belongs to.
 */
import type { IncidentEvent } from '../incident/index.js';
import { resolveAnchors, type AnchorView } from './anchors.js';
import { evaluateConditions, type Verdict } from './applicability.js';
import { approximateMs, parseDuration } from './duration.js';
import { exposures, type EntityExposure, type IncidentScope, type ObligationEstate } from './exposure.js';
import { filingsFor, readObligationFacts, type ObligationFacts } from './incident-facts.js';
import { countryTimeZone } from './jurisdictions.js';
import type { FilingView, ObligationStatus, ObligationView } from './obligation.types.js';
import type { PackRule, RulePack } from './pack-parse.js';
import { formatInZone } from './time-zone.js';

export interface ObligationContext {
  estate: ObligationEstate;
  scope: IncidentScope;
  /** The incident's log (any types; the obligation events are read from it). Events after `now` are not counted. */
  events: readonly IncidentEvent[];
  /** The moment to measure time left at (ISO). */
  now: string;
  /** Entities to evaluate; default: those named by the incident, its scope and its obligation events. */
  entities?: readonly string[] | undefined;
}

const HOUR_MS = 3_600_000;

/**
 * Every rule for every entity of the incident, entity by entity in pack order, as of `now` (events recorded
 * later are not counted, so the same log can be viewed as of any moment).
 *
 * @example
 * const views = computeObligations(pack, { estate, scope: scopeFromView(view), events: log, now: new Date().toISOString() });
 * views.filter((v) => v.alert !== null).map((v) => `${v.entity} ${v.ruleId} ${v.status}`);
 */
export function computeObligations(pack: RulePack, context: ObligationContext): ObligationView[] {
  const now = Date.parse(context.now);
  const facts = readObligationFacts(context.events.filter((event) => Date.parse(event.at) <= now));
  const byEntity = exposures(context.estate, context.scope);
  const ordered = chainOrder(pack.rules);
  const nextOf = nextReports(pack.rules);
  return entitiesOf(context, facts, byEntity).flatMap((exposure) => {
    const done = new Map<string, ObligationView>();
    for (const rule of ordered)
      done.set(rule.id, evaluateRule(rule, { exposure, facts, now, done, next: nextOf.get(rule.id) ?? [] }));
    return pack.rules.flatMap((rule) => done.get(rule.id) ?? []);
  });
}

function entitiesOf(
  context: ObligationContext,
  facts: ObligationFacts,
  byEntity: Map<string, EntityExposure>,
): EntityExposure[] {
  const ids = new Set(context.entities ?? facts.incidentEntities);
  if (context.entities === undefined) {
    for (const [id, exposure] of byEntity)
      if (Object.values(exposure.hosts).some((hosts) => hosts.length > 0)) ids.add(id);
    for (const record of [...facts.determinations, ...facts.filings]) ids.add(record.entity);
  }
  return [...ids].sort().flatMap((id) => byEntity.get(id) ?? []);
}

/** Rules ordered so that a chained rule comes after the rule whose filing starts it. */
function chainOrder(rules: readonly PackRule[]): PackRule[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const out: PackRule[] = [];
  const placed = new Set<string>();
  const place = (rule: PackRule): void => {
    if (placed.has(rule.id)) return;
    placed.add(rule.id);
    for (const anchor of rule.clock.anchors) {
      const previous = anchor.rule === undefined ? undefined : byId.get(anchor.rule);
      if (previous) place(previous);
    }
    out.push(rule);
  };
  rules.forEach(place);
  return out;
}

function nextReports(rules: readonly PackRule[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const rule of rules) {
    for (const anchor of rule.clock.anchors) {
      if (anchor.rule !== undefined) next.set(anchor.rule, [...(next.get(anchor.rule) ?? []), rule.id]);
    }
  }
  return next;
}

interface RuleInput {
  exposure: EntityExposure;
  facts: ObligationFacts;
  now: number;
  done: ReadonlyMap<string, ObligationView>;
  next: string[];
}

function evaluateRule(rule: PackRule, input: RuleInput): ObligationView {
  const { exposure, facts } = input;
  const verdict =
    chainVerdict(rule, input) ??
    inForceVerdict(rule, facts, input.now) ??
    evaluateConditions(rule.applies, { exposure, facts, determinationKey: rule.applies.determination });
  const timeZone = zoneFor(rule, exposure);
  const { anchors, warnings } = resolveAnchors({ rule, entity: exposure.entity.id, facts, timeZone: timeZone.zone });
  const computed = earliest(anchors.map((anchor) => anchor.deadline));
  const filings = filingsFor(facts, exposure.entity.id, rule.id).map(toFilingView);
  const status = statusOf(verdict, anchors, computed, filings, dueSoonMs(rule, anchors, computed), input.now);
  // An obligation that does not apply or is not required shows no deadline.
  const deadline = status === 'not_applicable' || status === 'not_required' ? null : computed;
  return {
    ...describeRule(rule, exposure.entity.id),
    applicable: verdict.kind !== 'not_applicable',
    status,
    reasons: verdict.reasons,
    provisional: verdict.kind === 'pending' && status !== 'not_applicable',
    startedAt: earliest(anchors.map((anchor) => anchor.at)),
    ...timing(deadline, timeZone.zone, input.now),
    anchors,
    filings,
    filedLate: filings[0] && deadline !== null ? Date.parse(filings[0].at) > Date.parse(deadline) : null,
    chain: { after: rule.clock.anchors.flatMap((anchor) => anchor.rule ?? []), next: input.next },
    alert: status === 'due_soon' || status === 'overdue' ? status : null,
    warnings: status === 'not_applicable' ? [] : [...timeZone.warnings, ...warnings],
  };
}

type RuleFields =
  'entity' | 'ruleId' | 'title' | 'regime' | 'jurisdiction' | 'recipient' | 'promptly' | 'basis' | 'rule';

function describeRule(rule: PackRule, entity: string): Pick<ObligationView, RuleFields> {
  const { content, source, checked, notes, unverified, origin } = rule;
  return {
    entity,
    ruleId: rule.id,
    title: rule.title,
    regime: rule.regime,
    jurisdiction: rule.jurisdiction,
    recipient: rule.recipient,
    promptly: rule.clock.promptly ?? null,
    basis: rule.clock.basis,
    rule: { content, source, checked, notes, unverified, origin },
  };
}

function timing(
  deadline: string | null,
  zone: string,
  now: number,
): Pick<ObligationView, 'deadline' | 'deadlineLocal' | 'timeZone' | 'timeLeftMs'> {
  if (deadline === null) return { deadline, deadlineLocal: null, timeZone: zone, timeLeftMs: null };
  return {
    deadline,
    deadlineLocal: formatInZone(Date.parse(deadline), zone),
    timeZone: zone,
    timeLeftMs: Date.parse(deadline) - now,
  };
}

/** A chained rule follows its previous report: not applicable or not required when that one is. */
function chainVerdict(rule: PackRule, input: RuleInput): Verdict | undefined {
  for (const anchor of rule.clock.anchors) {
    const previous = anchor.rule === undefined ? undefined : input.done.get(anchor.rule);
    if (previous?.status === 'not_applicable')
      return { kind: 'not_applicable', reasons: [`follows ${previous.ruleId}, which does not apply`] };
    if (previous?.status === 'not_required')
      return { kind: 'not_required', reasons: [`follows ${previous.ruleId}, which is not required`] };
  }
  return undefined;
}

function inForceVerdict(rule: PackRule, facts: ObligationFacts, now: number): Verdict | undefined {
  const reference = facts.awareness?.at ?? new Date(now).toISOString();
  const day = reference.slice(0, 10);
  const { from, until } = rule.inForce ?? {};
  if (from !== undefined && day < from)
    return {
      kind: 'not_applicable',
      reasons: [`this rule's wording is in force from ${from}; the incident (${day}) predates it`],
    };
  if (until !== undefined && day > until)
    return {
      kind: 'not_applicable',
      reasons: [`this rule's wording was in force until ${until}; the incident (${day}) is later`],
    };
  return undefined;
}

function zoneFor(rule: PackRule, exposure: EntityExposure): { zone: string; warnings: string[] } {
  const configured = rule.clock.timeZone;
  if (configured === undefined) return { zone: 'UTC', warnings: [] };
  if (configured !== 'entity') return { zone: configured, warnings: [] };
  const zone = countryTimeZone(exposure.entity.country);
  return zone === undefined
    ? { zone: 'UTC', warnings: [`no time zone known for country ${exposure.entity.country}: days counted in UTC`] }
    : { zone, warnings: [] };
}

function earliest(times: readonly (string | null)[]): string | null {
  const present = times.filter((time): time is string => time !== null);
  if (present.length === 0) return null;
  return present.reduce((best, time) => (Date.parse(time) < Date.parse(best) ? time : best));
}

function dueSoonMs(rule: PackRule, anchors: readonly AnchorView[], deadline: string | null): number {
  const configured = rule.clock.dueSoon === undefined ? undefined : parseDuration(rule.clock.dueSoon);
  if (configured) return approximateMs(configured);
  const winner = anchors.find((anchor) => anchor.deadline === deadline && anchor.at !== null);
  if (!winner?.at || deadline === null) return HOUR_MS;
  const length = Date.parse(deadline) - Date.parse(winner.at);
  return Math.min(24 * HOUR_MS, Math.max(HOUR_MS, length / 4));
}

function statusOf(
  verdict: Verdict,
  anchors: readonly AnchorView[],
  deadline: string | null,
  filings: readonly FilingView[],
  soonMs: number,
  now: number,
): ObligationStatus {
  if (verdict.kind === 'not_applicable') return 'not_applicable';
  if (filings.length > 0) return 'filed';
  if (verdict.kind === 'not_required') return 'not_required';
  if (anchors.every((anchor) => anchor.at === null)) return 'not_started';
  if (deadline === null) return 'running';
  const left = Date.parse(deadline) - now;
  if (left < 0) return 'overdue';
  return left <= soonMs ? 'due_soon' : 'running';
}

function toFilingView(filing: ReturnType<typeof filingsFor>[number]): FilingView {
  return {
    seq: filing.seq,
    at: filing.effectiveAt,
    recipient: filing.recipient,
    reference: filing.reference ?? null,
    document: filing.document ?? null,
    recordedBy: filing.actor,
  };
}

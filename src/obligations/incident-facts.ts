/**
 * What the clocks need from an incident's log: awareness, the entities involved, determinations,
 * classifications, ransom payments and filings. Events of other types, and payloads that do not parse, are
 * skipped (the log is read, never rejected).
 */
import { awarenessOf, decodeEvent, type Awareness, type IncidentEvent } from '../incident/index.js';
import {
  breachDeterminedSchema,
  incidentClassifiedSchema,
  obligationFiledSchema,
  ransomPaidSchema,
  type BreachDecision,
  type BreachDetermined,
  type IncidentClassified,
  type ObligationFiled,
  type RansomPaid,
} from './events.schema.js';

/** A payload as read from the log, with the event's position, actor and effective time. */
export type Recorded<P> = P & { seq: number; actor: string; effectiveAt: string };

export interface ObligationFacts {
  awareness: Awareness | undefined;
  /** Entities named on opening or by scope changes, sorted. */
  incidentEntities: string[];
  determinations: Recorded<BreachDetermined>[];
  classifications: Recorded<IncidentClassified>[];
  payments: Recorded<RansomPaid>[];
  filings: Recorded<ObligationFiled>[];
}

function incidentEntities(events: readonly IncidentEvent[]): string[] {
  const entities = new Set<string>();
  for (const decoded of events.map(decodeEvent)) {
    if (decoded.kind === 'incident.opened') decoded.payload.entities.forEach((entity) => entities.add(entity));
    if (decoded.kind === 'scope.changed') {
      const entity = decoded.payload.kind === 'entity' ? decoded.payload.ref : decoded.payload.entity;
      if (entity !== undefined) entities.add(entity);
    }
  }
  return [...entities].sort();
}

function collect<P>(
  events: readonly IncidentEvent[],
  type: string,
  schema: { safeParse(value: unknown): { success: true; data: P } | { success: false } },
  time: (payload: P, event: IncidentEvent) => string,
): Recorded<P>[] {
  const out: Recorded<P>[] = [];
  for (const event of events) {
    if (event.type !== type) continue;
    const parsed = schema.safeParse(event.payload);
    if (parsed.success)
      out.push({ ...parsed.data, seq: event.seq, actor: event.actor, effectiveAt: time(parsed.data, event) });
  }
  return out;
}

/**
 * Reads the facts from an incident's log (oldest first).
 *
 * @example
 * const facts = readObligationFacts(log);
 * facts.awareness?.at; // '2021-06-01T13:30:00.000Z'
 */
export function readObligationFacts(events: readonly IncidentEvent[]): ObligationFacts {
  return {
    awareness: awarenessOf(events.map(decodeEvent)),
    incidentEntities: incidentEntities(events),
    determinations: collect(events, 'breach.determined', breachDeterminedSchema, (p, e) => p.determinedAt ?? e.at),
    classifications: collect(events, 'incident.classified', incidentClassifiedSchema, (p) => p.at),
    payments: collect(events, 'ransom.paid', ransomPaidSchema, (p) => p.at),
    filings: collect(events, 'obligation.filed', obligationFiledSchema, (p) => p.at),
  };
}

/** A current state with the moment it took hold (the start of the latest run of the same value). */
export interface Current<V, R> {
  value: V;
  since: string;
  record: R;
}

function currentRun<R extends { effectiveAt: string }, V>(
  records: readonly R[],
  valueOf: (record: R) => V,
): Current<V, R> | undefined {
  const latest = records[records.length - 1];
  if (!latest) return undefined;
  const value = valueOf(latest);
  let since = latest.effectiveAt;
  for (let index = records.length - 1; index >= 0; index -= 1) {
    const record = records[index];
    if (!record || valueOf(record) !== value) break;
    if (Date.parse(record.effectiveAt) < Date.parse(since)) since = record.effectiveAt;
  }
  return { value, since, record: latest };
}

/**
 * The entity's current determination for a key (the latest one), and since when it has held.
 *
 * @example
 * currentDetermination(facts, 'fgs-uk', 'uk-gdpr')?.value; // 'not_notifiable'
 */
export function currentDetermination(
  facts: ObligationFacts,
  entity: string,
  key: string,
): Current<BreachDecision, Recorded<BreachDetermined>> | undefined {
  const records = facts.determinations.filter((record) => record.entity === entity && record.regime === key);
  return currentRun(records, (record) => record.decision);
}

/**
 * The incident's current classification under a regime for an entity (entity-specific or incident-wide).
 *
 * @example
 * currentClassification(facts, 'dora', 'fuji-bank-de')?.value; // 'major'
 */
export function currentClassification(
  facts: ObligationFacts,
  regime: string,
  entity: string,
): Current<string, Recorded<IncidentClassified>> | undefined {
  const records = facts.classifications.filter(
    (record) => record.regime === regime && (record.entity === undefined || record.entity === entity),
  );
  return currentRun(records, (record) => record.classification);
}

/**
 * The earliest ransom payment that concerns an entity (its own, or one recorded for the whole incident).
 *
 * @example
 * paymentFor(facts, 'fuji-au')?.effectiveAt;
 */
export function paymentFor(facts: ObligationFacts, entity: string): Recorded<RansomPaid> | undefined {
  return facts.payments
    .filter((payment) => payment.entity === undefined || payment.entity === entity)
    .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt))[0];
}

/**
 * Filings of one rule by one entity, earliest first.
 *
 * @example
 * filingsFor(facts, 'fujifilm-jp', 'jp-appi-preliminary')[0]?.reference;
 */
export function filingsFor(facts: ObligationFacts, entity: string, ruleId: string): Recorded<ObligationFiled>[] {
  return facts.filings
    .filter((filing) => filing.entity === entity && filing.ruleId === ruleId)
    .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
}

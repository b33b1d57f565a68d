/**
 * Whether a rule applies to an entity and whether it is required yet. Each condition of `applies` yields one
 * of four verdicts with a reason: `met`; `not_applicable` (the entity or its data is outside the rule);
 * `not_required` (a person decided against it: not notifiable, classified below the threshold); `pending` (a
 * determination, classification or payment is still awaited). All conditions: the weakest verdict wins (with
 * the reasons of what holds and of what decided it); `anyOf`: the strongest branch wins.
 */
import { recordCount, type EntityExposure } from './exposure.js';
import { currentClassification, currentDetermination, paymentFor, type ObligationFacts } from './incident-facts.js';
import { expandCountries } from './jurisdictions.js';
import type { Conditions } from './pack.schema.js';

export type VerdictKind = 'met' | 'pending' | 'not_required' | 'not_applicable';

export interface Verdict {
  kind: VerdictKind;
  reasons: string[];
}

export interface ConditionInput {
  exposure: EntityExposure;
  facts: ObligationFacts;
  /** The determination key used by `affectedPersons` to find a recorded count. */
  determinationKey: string | undefined;
}

const AND_ORDER: VerdictKind[] = ['not_applicable', 'not_required', 'pending', 'met'];
const OR_ORDER: VerdictKind[] = ['met', 'pending', 'not_required', 'not_applicable'];

/** All conditions: the weakest verdict, with the reasons of what holds and of what decided it. */
function all(verdicts: readonly Verdict[]): Verdict {
  const kind = AND_ORDER.find((candidate) => verdicts.some((verdict) => verdict.kind === candidate)) ?? 'met';
  const relevant = verdicts.filter((verdict) => verdict.kind === 'met' || verdict.kind === kind);
  return { kind, reasons: relevant.flatMap((verdict) => verdict.reasons) };
}

/** One of the branches: the strongest verdict, with the reasons of the branches that reached it. */
function any(verdicts: readonly Verdict[]): Verdict {
  const kind = OR_ORDER.find((candidate) => verdicts.some((verdict) => verdict.kind === candidate)) ?? 'not_applicable';
  return { kind, reasons: verdicts.filter((verdict) => verdict.kind === kind).flatMap((verdict) => verdict.reasons) };
}

const met = (reason: string): Verdict => ({ kind: 'met', reasons: [reason] });
const outside = (reason: string): Verdict => ({ kind: 'not_applicable', reasons: [reason] });

/**
 * Evaluates a rule's `applies` for one entity.
 *
 * @example
 * evaluateConditions({ entityCountries: ['GB'], determination: 'uk-gdpr' }, input).kind; // 'pending'
 */
export function evaluateConditions(conditions: Conditions, input: ConditionInput): Verdict {
  const branches = conditions.anyOf ? [any(conditions.anyOf.map((branch) => evaluateConditions(branch, input)))] : [];
  const verdicts = [
    ...entityVerdicts(conditions, input),
    ...dataVerdicts(conditions, input),
    ...branches,
    ...decisionVerdicts(conditions, input),
  ];
  return all(verdicts);
}

function entityVerdicts(conditions: Conditions, { exposure: { entity } }: ConditionInput): Verdict[] {
  const out: Verdict[] = [];
  if (conditions.entityCountries) {
    const list = conditions.entityCountries.join(', ');
    out.push(
      expandCountries(conditions.entityCountries).has(entity.country)
        ? met(`entity country ${entity.country} is within ${list}`)
        : outside(`entity country ${entity.country} is not within ${list}`),
    );
  }
  for (const flag of conditions.entityFlags ?? []) {
    out.push(entity.flags[flag] ? met(`entity is flagged ${flag}`) : outside(`entity is not flagged ${flag}`));
  }
  if (conditions.regulators) {
    const listed = conditions.regulators.filter((regulator) => entity.regulators.includes(regulator));
    out.push(
      listed.length > 0
        ? met(`entity lists regulator ${listed.join(', ')}`)
        : outside(`entity does not list regulator ${conditions.regulators.join(' or ')}`),
    );
  }
  return out;
}

function dataVerdicts(conditions: Conditions, input: ConditionInput): Verdict[] {
  const { stores } = input.exposure;
  const out: Verdict[] = [];
  if (conditions.subjectCountries) {
    const wanted = expandCountries(conditions.subjectCountries);
    const found = [...new Set(stores.flatMap((item) => item.store.subjectCountries))]
      .filter((country) => wanted.has(country))
      .sort();
    out.push(
      found.length > 0
        ? met(`personal data of subjects in ${found.join(', ')} on in-scope or suspected hosts`)
        : outside(
            `no personal data of subjects in ${conditions.subjectCountries.join(', ')} on in-scope or suspected hosts`,
          ),
    );
  }
  if (conditions.personalData !== undefined) {
    const has = stores.length > 0;
    out.push(
      has === conditions.personalData
        ? met(
            has
              ? `personal data in ${stores.length} data store(s) on in-scope or suspected hosts`
              : 'no personal data on in-scope or suspected hosts',
          )
        : outside(
            has ? 'personal data is on in-scope or suspected hosts' : 'no personal data on in-scope or suspected hosts',
          ),
    );
  }
  if (conditions.affectedPersons) out.push(thresholdVerdict(conditions.affectedPersons, input));
  return out;
}

function thresholdVerdict(threshold: NonNullable<Conditions['affectedPersons']>, input: ConditionInput): Verdict {
  const key = input.determinationKey;
  const recorded =
    key === undefined
      ? undefined
      : currentDetermination(input.facts, input.exposure.entity.id, key)?.record.affectedPersons;
  const countries = threshold.subjectCountries ? expandCountries(threshold.subjectCountries) : undefined;
  const where = threshold.subjectCountries ? ` with subjects in ${threshold.subjectCountries.join(', ')}` : '';
  const count = recorded ?? recordCount(input.exposure.stores, countries);
  const basis =
    recorded === undefined
      ? `${count} record(s)${where} on reached hosts (estimate)`
      : `${count} person(s) recorded in the determination`;
  return count >= threshold.atLeast
    ? met(`${basis}, threshold ${threshold.atLeast}`)
    : outside(`${basis}, below the threshold of ${threshold.atLeast}`);
}

function decisionVerdicts(conditions: Conditions, { exposure, facts }: ConditionInput): Verdict[] {
  const entity = exposure.entity.id;
  const out: Verdict[] = [];
  if (conditions.determination !== undefined) out.push(determinationVerdict(facts, entity, conditions.determination));
  if (conditions.classified) out.push(classifiedVerdict(facts, entity, conditions.classified));
  if (conditions.ransomPaid !== undefined) out.push(ransomVerdict(facts, entity, conditions.ransomPaid));
  return out;
}

const pending = (reason: string): Verdict => ({ kind: 'pending', reasons: [reason] });
const declined = (...reasons: string[]): Verdict => ({ kind: 'not_required', reasons });

function determinationVerdict(facts: ObligationFacts, entity: string, key: string): Verdict {
  const current = currentDetermination(facts, entity, key);
  const by = current ? ` by ${current.record.by} (${current.since})` : '';
  if (current?.value === 'notifiable') return met(`determined notifiable under ${key}${by}`);
  if (current?.value === 'not_notifiable') {
    return declined(`determined not notifiable under ${key}${by}`, ...current.record.reasoning);
  }
  return pending(`awaiting a determination under ${key}${current ? ' (recorded as undetermined)' : ''}`);
}

function classifiedVerdict(
  facts: ObligationFacts,
  entity: string,
  wanted: NonNullable<Conditions['classified']>,
): Verdict {
  const { regime, as } = wanted;
  const current = currentClassification(facts, regime, entity);
  if (current && as.includes(current.value))
    return met(`classified ${current.value} under ${regime} (${current.since})`);
  if (current) return declined(`classified ${current.value} under ${regime}, not ${as.join(' or ')}`);
  return pending(`awaiting classification under ${regime} (${as.join(' or ')})`);
}

function ransomVerdict(facts: ObligationFacts, entity: string, paid: boolean): Verdict {
  const payment = paymentFor(facts, entity);
  if (paid) return payment ? met(`ransom paid ${payment.effectiveAt}`) : pending('no ransom payment recorded');
  return payment ? declined(`ransom paid ${payment.effectiveAt}`) : met('no ransom payment recorded');
}

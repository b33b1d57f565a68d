/**
 * Breach assessment: per entity and personal-data regime, a proposed determination (notifiable, not
 * notifiable, undetermined) with its reasoning, from the data stores on reached hosts, whether data left the
 * estate, encryption at rest and backups. A person confirms or overrides it (`determinationDraft`).
 */
import type { Entity } from '../estate/index.js';
import type { AssessedStore, BreachAssessment, BreachFacts, Exfiltration } from './assessment.types.js';
import type { BreachDecision } from './events.schema.js';
import {
  exposures,
  recordCount,
  type EntityExposure,
  type ExposedStore,
  type IncidentScope,
  type ObligationEstate,
} from './exposure.js';
import { expandCountries } from './jurisdictions.js';
import { PRIVACY_REGIMES, SENSITIVE_CATEGORIES, type PrivacyRegime } from './privacy-regimes.js';

interface Weighing {
  regime: PrivacyRegime;
  entity: Entity;
  exposure: EntityExposure;
  stores: ExposedStore[];
  facts: BreachFacts;
  exfiltration: Exfiltration;
}

const count = (value: number): string => value.toLocaleString('en-US');
const list = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.join(', '));

/**
 * Proposed determinations for every reached entity and the regimes that concern it.
 *
 * @example
 * assessBreach(estate, { hosts: [{ ref: 'tk-fs01', state: 'in_scope' }] }, { exfiltration: 'suspected', ransomware: true })
 *   .map((a) => `${a.entity} ${a.regime} ${a.proposal}`); // ['fujifilm-jp appi notifiable', ...]
 */
export function assessBreach(estate: ObligationEstate, scope: IncidentScope, facts: BreachFacts): BreachAssessment[] {
  const byEntity = exposures(estate, scope);
  const chosen =
    facts.entities ??
    [...byEntity.values()]
      .filter((e) => Object.values(e.hosts).some((hosts) => hosts.length > 0))
      .map((e) => e.entity.id);
  return [...new Set(chosen)].sort().flatMap((id) => {
    const exposure = byEntity.get(id);
    if (!exposure) return [];
    const exfiltration = facts.exfiltrationByEntity?.[id] ?? facts.exfiltration;
    const decided = new Map<string, BreachAssessment>();
    return regimesFor(exposure).map((regime) => {
      const assessment = assessOne(
        { regime, entity: exposure.entity, exposure, stores: storesFor(regime, exposure), facts, exfiltration },
        decided,
      );
      decided.set(regime.key, assessment);
      return assessment;
    });
  });
}

/** The regimes of the entity's country, then those of the reached subjects' countries (table order). */
function regimesFor(exposure: EntityExposure): PrivacyRegime[] {
  const subjects = new Set(exposure.stores.flatMap((item) => item.store.subjectCountries));
  return PRIVACY_REGIMES.filter((regime) => {
    const countries = expandCountries(regime.countries);
    return countries.has(exposure.entity.country) || [...subjects].some((country) => countries.has(country));
  });
}

function storesFor(regime: PrivacyRegime, exposure: EntityExposure): ExposedStore[] {
  const countries = expandCountries(regime.countries);
  if (countries.has(exposure.entity.country)) return exposure.stores;
  return exposure.stores.filter((item) => item.store.subjectCountries.some((country) => countries.has(country)));
}

function assessOne(w: Weighing, decided: ReadonlyMap<string, BreachAssessment>): BreachAssessment {
  const reasoning = [hostsLine(w), ...storeLines(w)];
  const proposal = w.stores.length === 0 ? 'not_notifiable' : propose(w, reasoning, decided);
  const stores = w.stores.map(toAssessedStore);
  return {
    entity: w.entity.id,
    regime: w.regime.key,
    regimeName: w.regime.name,
    proposal,
    reasoning,
    records: recordCount(w.stores),
    categories: [...new Set(stores.flatMap((store) => store.categories))].sort(),
    subjectCountries: [...new Set(stores.flatMap((store) => store.subjectCountries))].sort(),
    dataStores: stores,
  };
}

function hostsLine({ entity, exposure }: Weighing): string {
  const { in_scope: inScope, suspected, cleared } = exposure.hosts;
  return `${entity.id} (${entity.country}) hosts in the incident: ${inScope.length} in scope, ${suspected.length} suspected, ${cleared.length} cleared.`;
}

function storeLines(w: Weighing): string[] {
  if (w.stores.length === 0) {
    const home = expandCountries(w.regime.countries).has(w.entity.country);
    const whose = home ? '' : ` of subjects in ${w.regime.area}`;
    return [
      `No personal data${whose} on in-scope or suspected hosts (${w.exposure.storeCount} data store(s) checked): no personal data breach to notify under ${w.regime.name}.`,
    ];
  }
  const lines = w.stores.map(({ store, hostState }) => {
    const encrypted = store.encryptedAtRest ? 'encrypted at rest' : 'not encrypted at rest';
    return `${store.id} on ${store.host} (${hostState.replace('_', ' ')}): ${list(store.personalData)}; ${count(store.records)} records; subjects in ${list(store.subjectCountries)}; ${encrypted}.`;
  });
  const records = recordCount(w.stores);
  const categories = [...new Set(w.stores.flatMap((item) => item.store.personalData))].sort();
  return [
    ...lines,
    `Personal data reached: ${w.stores.length} data store(s), ${count(records)} records (an upper estimate of persons), categories ${list(categories)}.`,
  ];
}

function toAssessedStore({ store, hostState }: ExposedStore): AssessedStore {
  return {
    id: store.id,
    name: store.name,
    host: store.host,
    hostState,
    categories: [...store.personalData],
    records: store.records,
    subjectCountries: [...store.subjectCountries],
    encryptedAtRest: store.encryptedAtRest,
  };
}

const EXFILTRATION_LINES: Record<Exfiltration, string> = {
  confirmed: 'Exfiltration confirmed: the confidentiality of the data is breached.',
  suspected: 'Exfiltration suspected and not excluded: treat the data as possibly disclosed.',
  excluded:
    'Exfiltration excluded by the evidence: an availability breach (data encrypted or unavailable), not a disclosure.',
  unknown: 'Exfiltration not yet assessed.',
};

function propose(w: Weighing, reasoning: string[], decided: ReadonlyMap<string, BreachAssessment>): BreachDecision {
  const reached = w.stores.filter((item) => item.hostState === 'in_scope');
  if (reached.length === 0) {
    reasoning.push(
      `Personal data only on suspected hosts: confirm or clear ${list([...new Set(w.stores.map((item) => item.store.host))])} before deciding.`,
    );
    return 'undetermined';
  }
  reasoning.push(EXFILTRATION_LINES[w.exfiltration]);
  const exposed = reached.filter((item) => !item.store.encryptedAtRest || w.facts.keysCompromised === true);
  reasoning.push(encryptionLine(reached.length, exposed.length, w.facts.keysCompromised));
  const base =
    w.regime.level === 'subjects'
      ? subjectsProposal(w, exposed, reasoning, decided)
      : authorityProposal(w, exposed, reasoning);
  return w.regime.usState === undefined ? base : stateProposal(w, base, reasoning);
}

function encryptionLine(reached: number, exposed: number, keysCompromised: boolean | undefined): string {
  if (keysCompromised === true)
    return 'Encryption keys possibly compromised: encryption at rest does not lower the risk.';
  if (exposed === 0)
    return `All ${reached} reached data store(s) are encrypted at rest: lower risk if files were copied (not if read through the running service); confirm the keys were not compromised.`;
  return `${exposed} of ${reached} reached data store(s) are not encrypted at rest.`;
}

function authorityProposal(w: Weighing, exposed: readonly ExposedStore[], reasoning: string[]): BreachDecision {
  const records = recordCount(w.stores.filter((item) => item.hostState === 'in_scope'));
  if (w.regime.special === 'appi') return appiProposal(w, exposed, records, reasoning);
  if (w.regime.special === 'sg-scale' && records >= 500 && w.exfiltration !== 'excluded') {
    reasoning.push(
      `${count(records)} records reached: 500 or more individuals is a significant scale, notifiable to the PDPC.`,
    );
    return 'notifiable';
  }
  if (w.exfiltration === 'confirmed' || w.exfiltration === 'suspected') {
    if (exposed.length > 0) return 'notifiable';
    reasoning.push('Only encrypted data reached: decide once the key status is known.');
    return 'undetermined';
  }
  if (w.exfiltration === 'unknown') return 'undetermined';
  return availabilityProposal(w, reasoning);
}

function availabilityProposal(w: Weighing, reasoning: string[]): BreachDecision {
  const backups = w.facts.backups ?? 'unknown';
  const edpb = w.regime.special === 'edpb';
  if (backups === 'restored' || backups === 'available') {
    reasoning.push(
      edpb
        ? 'Restored from backups without exfiltration (EDPB Guidelines 01/2021, case 1): unlikely to result in a risk; no notification, document it in the breach register.'
        : 'Restored from backups without exfiltration: confidentiality not affected.',
    );
    return 'not_notifiable';
  }
  if (backups === 'unavailable' && edpb) {
    reasoning.push(
      'No usable backup (EDPB Guidelines 01/2021, case 2): the loss of availability is a risk to the data subjects; notify.',
    );
    return 'notifiable';
  }
  reasoning.push('Backups not yet confirmed: decide once restoration is known.');
  return 'undetermined';
}

function appiProposal(
  w: Weighing,
  exposed: readonly ExposedStore[],
  records: number,
  reasoning: string[],
): BreachDecision {
  if (records > 1000) reasoning.push(`${count(records)} records: more than 1,000 persons is APPI category (4).`);
  if (exposed.length === 0 && w.facts.keysCompromised !== true) {
    reasoning.push(
      'APPI: data protected by advanced encryption is not reportable; confirm the encryption and the keys.',
    );
    return 'undetermined';
  }
  if (w.facts.ransomware === true && w.exfiltration !== 'excluded') {
    reasoning.push(
      'APPI category (3): a leak that may have been committed for a wrongful purpose (ransomware, unauthorised access) is reportable from one person, including leaks likely to have occurred; the final report is due in 60 days (record incident.classified appi wrongful-purpose).',
    );
    return 'notifiable';
  }
  if (w.exfiltration === 'confirmed') return 'notifiable';
  reasoning.push(
    'APPI: decide whether a leak, loss or damage occurred or is likely in one of the four reportable categories.',
  );
  return 'undetermined';
}

function subjectsProposal(
  w: Weighing,
  exposed: readonly ExposedStore[],
  reasoning: string[],
  decided: ReadonlyMap<string, BreachAssessment>,
): BreachDecision {
  const authority = decided.get(w.regime.follows ?? '')?.proposal ?? 'undetermined';
  if (authority === 'not_notifiable') {
    reasoning.push(
      `No notification to the authority is proposed (${w.regime.follows ?? ''}): no high risk to the individuals.`,
    );
    return 'not_notifiable';
  }
  const sensitive = [...new Set(exposed.flatMap((item) => item.store.personalData))]
    .filter((category) => SENSITIVE_CATEGORIES.includes(category))
    .sort();
  if (authority === 'notifiable' && sensitive.length > 0 && w.exfiltration !== 'excluded') {
    reasoning.push(
      `Sensitive categories reached without effective encryption (${list(sensitive)}): likely high risk to the individuals.`,
    );
    return 'notifiable';
  }
  reasoning.push(
    'Decide whether the risk to the individuals is high (nature, sensitivity and volume of the data, ease of identification).',
  );
  return 'undetermined';
}

function stateProposal(w: Weighing, base: BreachDecision, reasoning: string[]): BreachDecision {
  if (base !== 'notifiable') return base;
  const records = recordCount(
    w.stores.filter((item) => item.hostState === 'in_scope'),
    new Set(['US']),
  );
  reasoning.push(
    `The estate records subjects' countries, not US states: confirm whether ${w.regime.usState ?? ''} residents are among the ${count(records)} US records.`,
  );
  return 'undetermined';
}

/**
 * Every rule of the project's pack, with its deadline for one fixed incident. Awareness is on Friday
 * 23 October 2026, the weekend before Europe's clocks go back (25 October) and a week before America's
 * (1 November): day and month counts keep the local time of day, hour counts do not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeObligations,
  defaultRulePackDir,
  loadRulePackFolder,
  type ObligationView,
  type RulePackLoad,
} from '../../src/obligations/index.js';
import { TestIncident, testEstate } from '../../src/obligations/obligations.testing.js';

const T0 = '2026-10-23T08:00:00.000Z'; // awareness (Friday)
const T1 = '2026-10-23T15:00:00.000Z'; // determinations and classifications (Friday)
const T2 = '2026-10-24T12:00:00.000Z'; // ransom paid (Saturday)
const NOW = '2026-11-03T00:00:00.000Z';

const pii = (id: string, country: string, records = 1000) => ({
  id,
  personalData: ['contact', 'financial'],
  subjectCountries: [country],
  records,
});
const estate = testEstate([
  { id: 'nl-ops', country: 'NL', flags: { essentialEntity: true }, stores: [pii('nl-crm', 'NL')] },
  { id: 'de-bank', country: 'DE', flags: { financialEntity: true } },
  { id: 'uk-ltd', country: 'GB', regulators: ['ico'], stores: [pii('uk-crm', 'GB')] },
  {
    id: 'jp-hq',
    country: 'JP',
    regulators: ['ppc-jp', 'jpx', 'sec'],
    flags: { listedCompany: true },
    stores: [pii('jp-crm', 'JP')],
  },
  {
    id: 'us-inc',
    country: 'US',
    regulators: ['sec', 'nydfs'],
    flags: { listedCompany: true },
    stores: [pii('us-crm', 'US', 5000)],
  },
  { id: 'au-pty', country: 'AU', stores: [pii('au-crm', 'AU')] },
  { id: 'sg-pte', country: 'SG', stores: [pii('sg-crm', 'SG')] },
  { id: 'in-pvt', country: 'IN' },
  { id: 'ca-corp', country: 'CA', stores: [pii('ca-crm', 'CA')] },
]);

const DETERMINATIONS: [string, string[]][] = [
  ['nl-ops', ['gdpr', 'gdpr-subjects']],
  ['uk-ltd', ['uk-gdpr', 'uk-gdpr-subjects']],
  ['jp-hq', ['appi', 'tse-material-fact']],
  ['us-inc', ['sec-materiality', 'nydfs-cyber-incident', 'us-ca', 'us-ny', 'us-tx']],
  ['au-pty', ['au-ndb']],
  ['sg-pte', ['sg-pdpa', 'sg-pdpa-subjects']],
  ['ca-corp', ['ca-pipeda']],
];

function incidentLog(): TestIncident {
  const test = new TestIncident(
    { title: 'Ransomware', severity: 'critical', awarenessAt: T0, entities: estate.entities.map((e) => e.id) },
    '2026-10-23T08:30:00.000Z',
  );
  for (const [entity, keys] of DETERMINATIONS) {
    for (const regime of keys)
      test.record(
        'breach.determined',
        { entity, regime, decision: 'notifiable', reasoning: ['test'], by: 'counsel' },
        T1,
      );
  }
  test.record('incident.classified', { regime: 'nis2', classification: 'significant', at: T1, entity: 'nl-ops' }, T1);
  test.record('incident.classified', { regime: 'dora', classification: 'major', at: T1, entity: 'de-bank' }, T1);
  test.record('incident.classified', { regime: 'appi', classification: 'wrongful-purpose', at: T1 }, T1);
  test.record('ransom.paid', { at: T2, amount: 10, currency: 'BTC' }, T2);
  const filed = (ruleId: string, entity: string, at: string) =>
    test.record('obligation.filed', { ruleId, entity, recipient: 'x', at }, at);
  filed('eu-dora-initial', 'de-bank', '2026-10-23T18:00:00.000Z');
  filed('eu-nis2-notification', 'nl-ops', '2026-10-24T10:00:00.000Z');
  filed('eu-dora-intermediate', 'de-bank', '2026-10-26T09:00:00.000Z');
  filed('eu-dora-intermediate', 'de-bank', '2026-10-27T12:00:00.000Z');
  filed('us-ca-1798-82', 'us-inc', '2026-11-02T17:00:00.000Z');
  return test;
}

/** rule -> [entity, deadline (UTC), status]. */
const EXPECTED: Record<string, [string, string | null, string]> = {
  'eu-gdpr-33': ['nl-ops', '2026-10-26T08:00:00.000Z', 'overdue'],
  'eu-gdpr-33-5': ['nl-ops', null, 'running'],
  'eu-gdpr-34': ['nl-ops', null, 'running'],
  'eu-nis2-early-warning': ['nl-ops', '2026-10-24T08:00:00.000Z', 'overdue'],
  'eu-nis2-notification': ['nl-ops', '2026-10-26T08:00:00.000Z', 'filed'],
  'eu-nis2-final': ['nl-ops', '2026-11-24T11:00:00.000Z', 'running'],
  'eu-nis2-recipients': ['nl-ops', null, 'running'],
  'eu-dora-initial': ['de-bank', '2026-10-23T19:00:00.000Z', 'filed'],
  'eu-dora-intermediate': ['de-bank', '2026-10-26T18:00:00.000Z', 'filed'],
  'eu-dora-final': ['de-bank', '2026-11-27T12:00:00.000Z', 'running'],
  'uk-gdpr-33': ['uk-ltd', '2026-10-26T08:00:00.000Z', 'overdue'],
  'uk-gdpr-34': ['uk-ltd', null, 'running'],
  'jp-appi-preliminary': ['jp-hq', '2026-10-26T08:00:00.000Z', 'overdue'],
  'jp-appi-final-30': ['jp-hq', null, 'not_required'],
  'jp-appi-final-60': ['jp-hq', '2026-12-22T08:00:00.000Z', 'running'],
  'jp-appi-subjects': ['jp-hq', null, 'running'],
  'jp-tse-402': ['jp-hq', null, 'running'],
  'us-sec-8k-105': ['us-inc', '2026-10-30T03:59:59.999Z', 'overdue'],
  'us-nydfs-500-17a': ['us-inc', '2026-10-26T15:00:00.000Z', 'overdue'],
  'us-nydfs-500-17c-notice': ['us-inc', '2026-10-25T12:00:00.000Z', 'overdue'],
  'us-nydfs-500-17c-description': ['us-inc', '2026-11-23T13:00:00.000Z', 'running'],
  'us-ca-1798-82': ['us-inc', '2026-11-22T09:00:00.000Z', 'filed'],
  'us-ca-ag': ['us-inc', '2026-11-17T17:00:00.000Z', 'running'],
  'us-ny-gbl-899aa': ['us-inc', '2026-11-22T09:00:00.000Z', 'running'],
  'us-tx-ag': ['us-inc', '2026-11-22T16:00:00.000Z', 'running'],
  'au-ndb-assessment': ['au-pty', '2026-11-22T08:00:00.000Z', 'running'],
  'au-ndb-notification': ['au-pty', null, 'running'],
  'au-ransomware-payment': ['au-pty', '2026-10-27T12:00:00.000Z', 'overdue'],
  'sg-pdpa-assessment': ['sg-pte', '2026-11-22T08:00:00.000Z', 'running'],
  'sg-pdpa-pdpc': ['sg-pte', '2026-10-26T15:59:59.999Z', 'overdue'],
  'sg-pdpa-individuals': ['sg-pte', null, 'running'],
  'in-cert-in': ['in-pvt', '2026-10-23T14:00:00.000Z', 'overdue'],
  'ca-pipeda-opc': ['ca-corp', null, 'running'],
  'ca-pipeda-individuals': ['ca-corp', null, 'running'],
  'ca-pipeda-records': ['ca-corp', null, 'running'],
};

let load: RulePackLoad;
let views: ObligationView[];
beforeAll(async () => {
  load = await loadRulePackFolder(defaultRulePackDir());
  const scope = { hosts: estate.entities.map((e) => ({ ref: `${e.id}-srv1`, state: 'in_scope' })) };
  views = computeObligations(load.pack, { estate, scope, events: incidentLog().log, now: NOW });
});

const find = (entity: string, ruleId: string) => views.find((v) => v.entity === entity && v.ruleId === ruleId);

describe('the project rule pack', () => {
  it('loads without problems, every rule with a source and a check date', () => {
    expect(load.issues).toEqual([]);
    for (const rule of load.pack.rules) {
      expect(rule.source.urls.length, rule.id).toBeGreaterThan(0);
      expect(rule.checked, rule.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has a deadline test for every rule', () => {
    expect(load.pack.rules.map((rule) => rule.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [ruleId, [entity, deadline, status]] of Object.entries(EXPECTED)) {
    it(`${ruleId}: ${deadline ?? 'no fixed deadline'} for ${entity} (${status})`, () => {
      const view = find(entity, ruleId);
      expect(view?.applicable, view?.reasons.join('; ')).toBe(true);
      expect({ deadline: view?.deadline, status: view?.status }).toEqual({ deadline, status });
    });
  }

  it('shows deadlines on the wall clock of the rule, across the daylight-saving changes', () => {
    expect(find('nl-ops', 'eu-nis2-final')?.deadlineLocal).toBe('2026-11-24T12:00:00.000+01:00'); // filed 12:00 CEST
    expect(find('de-bank', 'eu-dora-final')?.deadlineLocal).toBe('2026-11-27T13:00:00.000+01:00');
    expect(find('us-inc', 'us-nydfs-500-17c-description')?.deadlineLocal).toBe('2026-11-23T08:00:00.000-05:00'); // paid 08:00 EDT
    expect(find('us-inc', 'us-sec-8k-105')?.deadlineLocal).toBe('2026-10-29T23:59:59.999-04:00');
    expect(find('sg-pte', 'sg-pdpa-pdpc')?.deadlineLocal).toBe('2026-10-26T23:59:59.999+08:00');
    expect(find('uk-ltd', 'uk-gdpr-33')?.deadlineLocal).toBe('2026-10-26T08:00:00.000+00:00'); // 09:00 BST + 72 h
    expect(find('jp-hq', 'jp-appi-preliminary')?.deadlineLocal).toBe('2026-10-26T17:00:00.000+09:00');
  });

  it('does not apply rules to entities outside them', () => {
    expect(find('in-pvt', 'eu-gdpr-33')?.status).toBe('not_applicable');
    expect(find('de-bank', 'eu-nis2-early-warning')?.reasons).toEqual([
      'entity country DE is within EU',
      'entity is not flagged essentialEntity',
      'entity is not flagged importantEntity',
    ]);
    // A Japanese registrant is a foreign private issuer: Form 6-K, not Item 1.05.
    expect(find('jp-hq', 'us-sec-8k-105')?.reasons).toEqual([
      'entity country JP is not within US',
      'entity lists regulator sec',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import { assessBreach } from './assessment.js';
import type { BreachAssessment } from './assessment.types.js';
import { determinationDraft } from './determination.js';
import { testEstate } from './obligations.testing.js';

const estate = testEstate([
  {
    id: 'jp-hq',
    country: 'JP',
    stores: [
      { id: 'jp-customers', personalData: ['contact', 'purchase-history'], subjectCountries: ['JP'], records: 120000 },
      {
        id: 'jp-hr',
        personalData: ['employee', 'financial'],
        subjectCountries: ['JP'],
        records: 3000,
        encryptedAtRest: true,
      },
      { id: 'jp-eu-dealers', personalData: ['contact'], subjectCountries: ['DE', 'FR'], records: 400 },
    ],
  },
  { id: 'uk-ltd', country: 'GB', stores: [{ id: 'uk-print-queue' }] },
  {
    id: 'de-gmbh',
    country: 'DE',
    stores: [{ id: 'de-patients', personalData: ['health', 'contact'], subjectCountries: ['DE'], records: 800 }],
  },
  {
    id: 'us-inc',
    country: 'US',
    stores: [{ id: 'us-crm', personalData: ['contact', 'payment-card'], subjectCountries: ['US'], records: 9000 }],
  },
  {
    id: 'sg-pte',
    country: 'SG',
    stores: [{ id: 'sg-crm', personalData: ['contact'], subjectCountries: ['SG'], records: 700 }],
  },
]);

const inScope = (...refs: string[]) => refs.map((ref) => ({ ref, state: 'in_scope' }));
const pick = (all: readonly BreachAssessment[], entity: string, regime: string): BreachAssessment => {
  const found = all.find((a) => a.entity === entity && a.regime === regime);
  if (!found)
    throw new Error(`no assessment ${entity} ${regime}: ${all.map((a) => `${a.entity}/${a.regime}`).join(' ')}`);
  return found;
};

describe('breach assessment', () => {
  it('proposes "not notifiable" for an entity whose reached hosts hold no personal data, and says why', () => {
    const all = assessBreach(
      estate,
      {
        hosts: [
          { ref: 'uk-ltd-srv1', state: 'cleared' },
          { ref: 'uk-ltd-srv2', state: 'cleared' },
        ],
      },
      { exfiltration: 'unknown' },
    );
    expect(all.map((a) => `${a.regime} ${a.proposal}`)).toEqual([
      'uk-gdpr not_notifiable',
      'uk-gdpr-subjects not_notifiable',
    ]);
    expect(pick(all, 'uk-ltd', 'uk-gdpr').reasoning).toEqual([
      'uk-ltd (GB) hosts in the incident: 0 in scope, 0 suspected, 2 cleared.',
      'No personal data on in-scope or suspected hosts (1 data store(s) checked): no personal data breach to notify under UK GDPR Art. 33 (ICO).',
    ]);
  });

  it('proposes "notifiable" under APPI for ransomware on hosts with Japanese customers\' data', () => {
    const all = assessBreach(estate, { hosts: inScope('jp-hq-srv1') }, { exfiltration: 'suspected', ransomware: true });
    const appi = pick(all, 'jp-hq', 'appi');
    expect(appi.proposal).toBe('notifiable');
    expect(appi.records).toBe(123400);
    expect(appi.reasoning).toEqual([
      'jp-hq (JP) hosts in the incident: 1 in scope, 0 suspected, 0 cleared.',
      'jp-customers on jp-hq-srv1 (in scope): contact, purchase-history; 120,000 records; subjects in JP; not encrypted at rest.',
      'jp-hr on jp-hq-srv1 (in scope): employee, financial; 3,000 records; subjects in JP; encrypted at rest.',
      'jp-eu-dealers on jp-hq-srv1 (in scope): contact; 400 records; subjects in DE, FR; not encrypted at rest.',
      'Personal data reached: 3 data store(s), 123,400 records (an upper estimate of persons), categories contact, employee, financial, purchase-history.',
      'Exfiltration suspected and not excluded: treat the data as possibly disclosed.',
      '2 of 3 reached data store(s) are not encrypted at rest.',
      '123,400 records: more than 1,000 persons is APPI category (4).',
      'APPI category (3): a leak that may have been committed for a wrongful purpose (ransomware, unauthorised access) is reportable from one person, including leaks likely to have occurred; the final report is due in 60 days (record incident.classified appi wrongful-purpose).',
    ]);
  });

  it("assesses the regimes of the subjects' countries with only their data", () => {
    const all = assessBreach(estate, { hosts: inScope('jp-hq-srv1') }, { exfiltration: 'confirmed' });
    expect(all.map((a) => a.regime)).toEqual(['gdpr', 'gdpr-subjects', 'appi']);
    expect(pick(all, 'jp-hq', 'gdpr')).toMatchObject({
      proposal: 'notifiable',
      records: 400,
      subjectCountries: ['DE', 'FR'],
    });
    expect(pick(all, 'jp-hq', 'gdpr-subjects').proposal).toBe('undetermined');
  });

  it('follows EDPB case 1 and case 2 when exfiltration is excluded', () => {
    const scope = { hosts: inScope('de-gmbh-srv1') };
    expect(
      pick(assessBreach(estate, scope, { exfiltration: 'excluded', backups: 'restored' }), 'de-gmbh', 'gdpr').proposal,
    ).toBe('not_notifiable');
    expect(
      pick(assessBreach(estate, scope, { exfiltration: 'excluded', backups: 'unavailable' }), 'de-gmbh', 'gdpr')
        .proposal,
    ).toBe('notifiable');
    const unknown = pick(assessBreach(estate, scope, { exfiltration: 'excluded' }), 'de-gmbh', 'gdpr');
    expect(unknown.proposal).toBe('undetermined');
    expect(unknown.reasoning.at(-1)).toBe('Backups not yet confirmed: decide once restoration is known.');
  });

  it('proposes telling the data subjects when sensitive data without encryption was exposed', () => {
    const all = assessBreach(estate, { hosts: inScope('de-gmbh-srv1') }, { exfiltration: 'suspected' });
    expect(pick(all, 'de-gmbh', 'gdpr-subjects').proposal).toBe('notifiable');
    expect(pick(all, 'de-gmbh', 'gdpr-subjects').reasoning.at(-1)).toBe(
      'Sensitive categories reached without effective encryption (health): likely high risk to the individuals.',
    );
  });

  it('weighs encryption at rest and compromised keys', () => {
    const only = testEstate([
      {
        id: 'jp-hq',
        country: 'JP',
        stores: [
          { id: 'hr', personalData: ['employee'], subjectCountries: ['JP'], records: 10, encryptedAtRest: true },
        ],
      },
    ]);
    expect(
      pick(assessBreach(only, { hosts: inScope('jp-hq-srv1') }, { exfiltration: 'confirmed' }), 'jp-hq', 'appi')
        .proposal,
    ).toBe('undetermined');
    expect(
      pick(
        assessBreach(only, { hosts: inScope('jp-hq-srv1') }, { exfiltration: 'confirmed', keysCompromised: true }),
        'jp-hq',
        'appi',
      ).proposal,
    ).toBe('notifiable');
  });

  it('waits for suspected hosts to be confirmed or cleared', () => {
    const appi = pick(
      assessBreach(
        estate,
        { hosts: [{ ref: 'jp-hq-srv1', state: 'suspected' }] },
        { exfiltration: 'suspected', ransomware: true },
      ),
      'jp-hq',
      'appi',
    );
    expect(appi.proposal).toBe('undetermined');
    expect(appi.reasoning.at(-1)).toBe(
      'Personal data only on suspected hosts: confirm or clear jp-hq-srv1 before deciding.',
    );
  });

  it('leaves US state laws to a person, since the estate does not record states', () => {
    const all = assessBreach(estate, { hosts: inScope('us-inc-srv1') }, { exfiltration: 'confirmed' });
    expect(all.map((a) => `${a.regime} ${a.proposal}`)).toEqual([
      'us-ca undetermined',
      'us-ny undetermined',
      'us-tx undetermined',
    ]);
    expect(pick(all, 'us-inc', 'us-tx').reasoning.at(-1)).toBe(
      "The estate records subjects' countries, not US states: confirm whether Texas residents are among the 9,000 US records.",
    );
  });

  it('counts 500 or more individuals in Singapore as a significant scale', () => {
    const pdpa = pick(
      assessBreach(estate, { hosts: inScope('sg-pte-srv1') }, { exfiltration: 'unknown' }),
      'sg-pte',
      'sg-pdpa',
    );
    expect(pdpa.proposal).toBe('notifiable');
    expect(pdpa.reasoning.at(-1)).toBe(
      '700 records reached: 500 or more individuals is a significant scale, notifiable to the PDPC.',
    );
  });

  it('uses per-entity exfiltration and only the entities asked for', () => {
    const all = assessBreach(
      estate,
      { hosts: inScope('jp-hq-srv1', 'de-gmbh-srv1') },
      {
        exfiltration: 'confirmed',
        exfiltrationByEntity: { 'de-gmbh': 'excluded' },
        backups: 'restored',
        entities: ['de-gmbh'],
      },
    );
    expect(all.map((a) => `${a.entity} ${a.regime} ${a.proposal}`)).toEqual([
      'de-gmbh gdpr not_notifiable',
      'de-gmbh gdpr-subjects not_notifiable',
    ]);
  });
});

describe('recording a determination', () => {
  const [uk] = assessBreach(
    estate,
    { hosts: [{ ref: 'uk-ltd-srv1', state: 'cleared' }] },
    { exfiltration: 'excluded' },
  );

  it('confirms the proposal by default', () => {
    expect(determinationDraft(uk!, { by: 'dpo.jones' })).toEqual({
      type: 'breach.determined',
      payload: {
        entity: 'uk-ltd',
        regime: 'uk-gdpr',
        decision: 'not_notifiable',
        reasoning: uk!.reasoning,
        by: 'dpo.jones',
        proposed: 'not_notifiable',
      },
    });
  });

  it('needs a reason to override, and records it', () => {
    expect(() => determinationDraft(uk!, { by: 'dpo.jones', decision: 'notifiable' })).toThrow(UserError);
    const draft = determinationDraft(uk!, {
      by: 'dpo.jones',
      decision: 'notifiable',
      reason: 'Print jobs hold customer addresses after all.',
      affectedPersons: 40,
    });
    expect(draft.payload).toMatchObject({ decision: 'notifiable', proposed: 'not_notifiable', affectedPersons: 40 });
    expect((draft.payload as { reasoning: string[] }).reasoning.at(-1)).toBe(
      'Override by dpo.jones: Print jobs hold customer addresses after all.',
    );
  });
});

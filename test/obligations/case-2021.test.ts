/**
 * An incident shaped like June 2021: ransomware on the Japanese parent's network (customers' personal data on
 * the hosts hit, ransomware suspected), EMEA taken offline as a precaution, and the UK business, whose hosts
 * were suspected and then cleared, holding no personal data on them. Run twice: as it happened (June 2021,
 * before Japan's APPI reporting duty of April 2022) and the same incident today (June 2026).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEvent, projectScope } from '../../src/incident/index.js';
import {
  assessBreach,
  buildRulePack,
  computeObligations,
  decisionDraft,
  determinationDraft,
  obligationAlerts,
  projectDecisionLog,
  scopeFromView,
  type ObligationView,
  type RulePack,
} from '../../src/obligations/index.js';
import { TestIncident, testEstate } from '../../src/obligations/obligations.testing.js';

const dir = fileURLToPath(new URL('../../content/obligations/', import.meta.url));
const pack: RulePack = buildRulePack(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((file) => ({ file, text: readFileSync(dir + file, 'utf8') })),
).pack;

const base = testEstate([
  {
    id: 'fujifilm-jp',
    country: 'JP',
    regulators: ['ppc-jp', 'jpx', 'sec'],
    flags: { listedCompany: true },
    stores: [
      { id: 'jp-customers', personalData: ['contact', 'purchase-history'], subjectCountries: ['JP'], records: 250000 },
      {
        id: 'jp-employees',
        personalData: ['employee'],
        subjectCountries: ['JP'],
        records: 8000,
        encryptedAtRest: true,
      },
    ],
  },
  { id: 'fgs-uk', country: 'GB', regulators: ['ico'], stores: [{ id: 'uk-print-jobs' }] },
]);
// The UK customer database sits on a third UK host that the incident never reached.
const estate = {
  ...base,
  hosts: [...base.hosts, { ...base.hosts[2]!, hostname: 'fgs-uk-crm01' }],
  dataStores: [
    ...base.dataStores,
    {
      id: 'uk-customers',
      name: 'UK customers',
      host: 'fgs-uk-crm01',
      personalData: ['contact'],
      subjectCountries: ['GB'],
      records: 30000,
      encryptedAtRest: false,
    },
  ],
};

const hours = (start: string, h: number): string => new Date(Date.parse(start) + h * 3_600_000).toISOString();

/** The incident, from awareness (late on 1 June, 22:30 in Tokyo) to `until` hours later. */
function incident(
  year: number,
  until = 80,
): { test: TestIncident; aware: string; views: (now: string) => ObligationView[] } {
  const aware = `${year}-06-01T13:30:00.000Z`;
  const test = new TestIncident(
    { title: 'Ransomware on the Tokyo network', severity: 'critical', awarenessAt: aware, entities: ['fujifilm-jp'] },
    hours(aware, 0.5),
  );
  test.scope('fujifilm-jp-srv1', 'in_scope', hours(aware, 1), 'fujifilm-jp');
  test.record(
    'incident.classified',
    { regime: 'appi', classification: 'wrongful-purpose', at: hours(aware, 2), rationale: 'Ransomware suspected' },
    hours(aware, 2),
  );
  test
    .scope('fgs-uk-srv1', 'suspected', hours(aware, 6), 'fgs-uk')
    .scope('fgs-uk-srv2', 'suspected', hours(aware, 6), 'fgs-uk');
  test.record(
    'decision.recorded',
    decisionDraft({
      kind: 'shutdown',
      decision: 'Take all EMEA networks offline',
      rationale: 'Precaution until EMEA is proven clean',
      approvers: ['group-ciso', 'emea-it-lead'],
      entities: ['fgs-uk'],
    }).payload,
    hours(aware, 6),
  );
  test.record(
    'breach.determined',
    {
      entity: 'fujifilm-jp',
      regime: 'tse-material-fact',
      decision: 'notifiable',
      reasoning: ['Systems suspended group-wide'],
      by: 'ir.head',
    },
    hours(aware, 12),
  );
  test.record(
    'obligation.filed',
    {
      ruleId: 'jp-tse-402',
      entity: 'fujifilm-jp',
      recipient: 'TSE (TDnet)',
      at: hours(aware, 14),
      reference: 'TDNET-0602',
    },
    hours(aware, 14),
  );
  test.record(
    'decision.recorded',
    decisionDraft({
      kind: 'ransom',
      decision: 'Refuse to pay',
      rationale: 'Backups intact; no decryptor needed; sanctions risk',
      approvers: ['ceo', 'general-counsel'],
    }).payload,
    hours(aware, 20),
  );
  test.record(
    'obligation.filed',
    {
      ruleId: 'jp-appi-preliminary',
      entity: 'fujifilm-jp',
      recipient: 'PPC',
      at: hours(aware, 40),
      reference: 'PPC-0001',
    },
    hours(aware, 40),
  );
  if (until >= 62)
    test
      .scope('fgs-uk-srv1', 'cleared', hours(aware, 62), 'fgs-uk')
      .scope('fgs-uk-srv2', 'cleared', hours(aware, 62), 'fgs-uk');
  const views = (now: string) =>
    computeObligations(pack, {
      estate,
      scope: scopeFromView(projectScope(test.log.map(decodeEvent))),
      events: test.log,
      now,
    });
  return { test, aware, views };
}

/** Assesses the breach once the scope is confirmed, and records each proposal as confirmed by the DPO. */
function determine(test: TestIncident, at: string): string[] {
  const scope = scopeFromView(projectScope(test.log.map(decodeEvent)));
  const assessments = assessBreach(estate, scope, { exfiltration: 'suspected', ransomware: true });
  for (const assessment of assessments) {
    const draft = determinationDraft(assessment, { by: assessment.entity === 'fgs-uk' ? 'dpo.smith' : 'dpo.tanaka' });
    test.record(draft.type, draft.payload, at);
  }
  return assessments.map((a) => `${a.entity} ${a.regime} ${a.proposal}`);
}

const summary = (views: readonly ObligationView[], entity: string) =>
  Object.fromEntries(views.filter((v) => v.entity === entity && v.applicable).map((v) => [v.ruleId, v.status]));

describe('the 2021-shaped incident, today', () => {
  it('proposes notifiable for the Japanese parent and not notifiable for the UK entity', () => {
    const { test, aware } = incident(2026);
    expect(determine(test, hours(aware, 63))).toEqual([
      'fgs-uk uk-gdpr not_notifiable',
      'fgs-uk uk-gdpr-subjects not_notifiable',
      'fujifilm-jp appi notifiable',
    ]);
  });

  it('gives the expected obligations per entity, with the UK "not notifiable" and its reasoning', () => {
    const { test, aware, views } = incident(2026);
    determine(test, hours(aware, 63));
    const all = views(hours(aware, 64));
    expect(summary(all, 'fujifilm-jp')).toEqual({
      'jp-appi-preliminary': 'filed',
      'jp-appi-final-30': 'not_required',
      'jp-appi-final-60': 'running',
      'jp-appi-subjects': 'running',
      'jp-tse-402': 'filed',
    });
    expect(summary(all, 'fgs-uk')).toEqual({ 'uk-gdpr-33': 'not_required', 'uk-gdpr-34': 'not_required' });

    const final = all.find((v) => v.entity === 'fujifilm-jp' && v.ruleId === 'jp-appi-final-60');
    expect(final).toMatchObject({
      deadline: '2026-07-31T13:30:00.000Z',
      deadlineLocal: '2026-07-31T22:30:00.000+09:00',
      provisional: false,
    });
    expect(all.find((v) => v.entity === 'fujifilm-jp' && v.ruleId === 'jp-appi-preliminary')).toMatchObject({
      filedLate: false,
      deadline: '2026-06-04T13:30:00.000Z',
    });

    const uk = all.find((v) => v.entity === 'fgs-uk' && v.ruleId === 'uk-gdpr-33');
    expect(uk?.reasons).toEqual([
      'entity country GB is within GB',
      `determined not notifiable under uk-gdpr by dpo.smith (${hours(aware, 63)})`,
      'fgs-uk (GB) hosts in the incident: 0 in scope, 0 suspected, 2 cleared.',
      'No personal data on in-scope or suspected hosts (2 data store(s) checked): no personal data breach to notify under UK GDPR Art. 33 (ICO).',
    ]);
    expect(obligationAlerts(all)).toEqual([]);
  });

  it('does not bring in rules for other jurisdictions', () => {
    const { test, aware, views } = incident(2026);
    determine(test, hours(aware, 63));
    const all = views(hours(aware, 64));
    expect(all.find((v) => v.entity === 'fujifilm-jp' && v.ruleId === 'us-sec-8k-105')?.status).toBe('not_applicable');
    expect(all.find((v) => v.entity === 'fujifilm-jp' && v.ruleId === 'eu-gdpr-33')?.reasons).toEqual([
      'entity country JP is not within EEA',
      'no personal data of subjects in EEA on in-scope or suspected hosts',
    ]);
  });

  it('warns while the UK entity is undecided and its 72 hours run out', () => {
    const { views, aware } = incident(2026, 61);
    const alerts = obligationAlerts(views(hours(aware, 58)));
    expect(alerts.map((a) => `${a.entity} ${a.ruleId} ${a.level} ${a.provisional}`)).toEqual([
      'fgs-uk uk-gdpr-33 due_soon true',
    ]);
  });

  it('keeps the decision log: precautionary shutdown and the refused ransom with its sanctions note', () => {
    const { test } = incident(2026);
    const log = projectDecisionLog(test.log);
    expect(log.decisions.map((d) => `${d.kind}: ${d.decision}`)).toEqual([
      'shutdown: Take all EMEA networks offline',
      'ransom: Refuse to pay',
    ]);
    expect(log.decisions[1]?.notes.map((n) => n.topic)).toEqual(['sanctions']);
    expect(log.payments).toEqual([]);
  });
});

describe('the 2021 incident as it happened', () => {
  it('had no statutory APPI report yet, and the same UK determination', () => {
    const { test, aware, views } = incident(2021);
    determine(test, hours(aware, 63));
    const all = views(hours(aware, 64));
    expect(summary(all, 'fujifilm-jp')).toEqual({ 'jp-tse-402': 'filed' });
    expect(all.find((v) => v.entity === 'fujifilm-jp' && v.ruleId === 'jp-appi-preliminary')?.reasons).toEqual([
      "this rule's wording is in force from 2022-04-01; the incident (2021-06-01) predates it",
    ]);
    expect(summary(all, 'fgs-uk')).toEqual({ 'uk-gdpr-33': 'not_required', 'uk-gdpr-34': 'not_required' });
  });
});

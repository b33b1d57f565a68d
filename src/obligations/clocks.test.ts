import { beforeAll, describe, expect, it } from 'vitest';
import { obligationAlerts } from './alerts.js';
import { computeObligations } from './clocks.js';
import type { ObligationView } from './obligation.types.js';
import type { RulePack } from './pack-parse.js';
import { defaultRulePackDir, loadRulePackFolder } from './pack.loader.js';
import { TestIncident, testEstate } from './obligations.testing.js';

let pack: RulePack;
beforeAll(async () => {
  pack = (await loadRulePackFolder(defaultRulePackDir())).pack;
});

const T0 = '2026-10-23T08:00:00.000Z'; // Friday; awareness
const plus = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const HOUR = 3_600_000;

const estate = testEstate([
  {
    id: 'uk-ltd',
    country: 'GB',
    regulators: ['ico'],
    stores: [{ id: 'uk-crm', personalData: ['contact'], subjectCountries: ['GB'], records: 2000 }],
  },
  { id: 'de-bank', country: 'DE', regulators: ['bafin'], flags: { financialEntity: true, importantEntity: true } },
  {
    id: 'jp-hq',
    country: 'JP',
    regulators: ['ppc-jp'],
    stores: [{ id: 'jp-crm', personalData: ['contact'], subjectCountries: ['JP'], records: 5000 }],
  },
  { id: 'us-inc', country: 'US', regulators: ['sec'] },
]);

function incident(entities: string[], awarenessAt = T0): TestIncident {
  return new TestIncident({ title: 'Ransomware', severity: 'critical', awarenessAt, entities }, plus(awarenessAt, 0.5));
}

function view(views: readonly ObligationView[], entity: string, ruleId: string): ObligationView {
  const found = views.find((candidate) => candidate.entity === entity && candidate.ruleId === ruleId);
  if (!found) throw new Error(`no view for ${entity} ${ruleId}`);
  return found;
}

function compute(test: TestIncident, now: string, hosts: { ref: string; state: string }[] = []): ObligationView[] {
  return computeObligations(pack, { estate, scope: { hosts }, events: test.log, now });
}

const determination = (entity: string, regime: string, decision: string, reasoning = ['test']) => ({
  entity,
  regime,
  decision,
  reasoning,
  by: 'dpo.jones',
});

describe('a 72-hour clock (UK GDPR Art. 33)', () => {
  const test = incident(['uk-ltd']);

  it('runs from awareness, provisionally until a determination is recorded', () => {
    const uk = view(compute(test, plus(T0, 1)), 'uk-ltd', 'uk-gdpr-33');
    expect(uk).toMatchObject({
      applicable: true,
      status: 'running',
      provisional: true,
      deadline: '2026-10-26T08:00:00.000Z',
      timeLeftMs: 71 * HOUR,
      promptly: 'without undue delay',
      alert: null,
    });
    expect(uk.deadlineLocal).toBe('2026-10-26T08:00:00.000+00:00'); // the clocks went back on Sunday 25 October
    expect(uk.reasons).toEqual(['entity country GB is within GB', 'awaiting a determination under uk-gdpr']);
  });

  it('is due soon in its last quarter and overdue after the deadline, with alerts', () => {
    expect(view(compute(test, plus(T0, 55)), 'uk-ltd', 'uk-gdpr-33')).toMatchObject({
      status: 'due_soon',
      alert: 'due_soon',
      timeLeftMs: 17 * HOUR,
    });
    const late = compute(test, plus(T0, 73));
    expect(view(late, 'uk-ltd', 'uk-gdpr-33')).toMatchObject({
      status: 'overdue',
      alert: 'overdue',
      timeLeftMs: -HOUR,
    });
    expect(obligationAlerts(late).map((alert) => alert.message)).toContain(
      'uk-ltd: uk-gdpr-33 overdue by 1 h 00 min (deadline 2026-10-26T08:00:00.000+00:00) (provisional: awaiting a decision)',
    );
  });

  it('is not required once determined not notifiable, with the reasoning', () => {
    const decided = incident(['uk-ltd']).record(
      'breach.determined',
      determination('uk-ltd', 'uk-gdpr', 'not_notifiable', ['No personal data on in-scope hosts.']),
      plus(T0, 20),
    );
    const uk = view(compute(decided, plus(T0, 80)), 'uk-ltd', 'uk-gdpr-33');
    expect(uk).toMatchObject({ status: 'not_required', applicable: true, provisional: false, alert: null });
    expect(uk.reasons).toEqual([
      'entity country GB is within GB',
      `determined not notifiable under uk-gdpr by dpo.jones (${plus(T0, 20)})`,
      'No personal data on in-scope hosts.',
    ]);
  });

  it('is filed once a filing is recorded, and says whether it was late', () => {
    const filed = incident(['uk-ltd'])
      .record('breach.determined', determination('uk-ltd', 'uk-gdpr', 'notifiable'), plus(T0, 10))
      .record(
        'obligation.filed',
        {
          ruleId: 'uk-gdpr-33',
          entity: 'uk-ltd',
          recipient: 'ICO',
          at: plus(T0, 70),
          reference: 'ICO-123',
          document: { name: 'ico-report.pdf' },
        },
        plus(T0, 71),
      );
    const uk = view(compute(filed, plus(T0, 100)), 'uk-ltd', 'uk-gdpr-33');
    expect(uk).toMatchObject({ status: 'filed', filedLate: false, provisional: false, alert: null });
    expect(uk.filings).toEqual([
      {
        seq: 3,
        at: plus(T0, 70),
        recipient: 'ICO',
        reference: 'ICO-123',
        document: { name: 'ico-report.pdf' },
        recordedBy: 'user:alice',
      },
    ]);
  });

  it('does not apply to an entity outside the UK without UK subjects', () => {
    const jp = view(compute(incident(['jp-hq']), plus(T0, 1)), 'jp-hq', 'uk-gdpr-33');
    expect(jp).toMatchObject({ applicable: false, status: 'not_applicable' });
    expect(jp.reasons).toEqual([
      'entity country JP is not within GB',
      'no personal data of subjects in GB on in-scope or suspected hosts',
    ]);
  });
});

describe('a clock that starts from a determination (SEC Item 1.05)', () => {
  it('has not started until the materiality determination', () => {
    const sec = view(compute(incident(['us-inc']), plus(T0, 1)), 'us-inc', 'us-sec-8k-105');
    expect(sec).toMatchObject({ status: 'not_started', provisional: true, deadline: null, startedAt: null });
    expect(sec.anchors[0]?.note).toBe('starts when sec-materiality is determined notifiable');
  });

  it('runs four business days, skipping Thanksgiving, to the end of the day in New York', () => {
    const test = incident(['us-inc'], '2024-11-20T14:00:00.000Z').record(
      'breach.determined',
      determination('us-inc', 'sec-materiality', 'notifiable'),
      '2024-11-27T20:00:00.000Z',
    );
    const sec = view(compute(test, '2024-11-28T12:00:00.000Z'), 'us-inc', 'us-sec-8k-105');
    expect(sec).toMatchObject({
      status: 'running',
      startedAt: '2024-11-27T20:00:00.000Z',
      deadlineLocal: '2024-12-04T23:59:59.999-05:00',
      timeZone: 'America/New_York',
    });
  });
});

describe('rules in force', () => {
  it('do not cover incidents before their date (APPI reporting before April 2022)', () => {
    const jp = view(
      compute(incident(['jp-hq'], '2021-06-01T13:30:00.000Z'), '2021-06-02T00:00:00.000Z'),
      'jp-hq',
      'jp-appi-preliminary',
    );
    expect(jp).toMatchObject({ applicable: false, status: 'not_applicable' });
    expect(jp.reasons).toEqual([
      "this rule's wording is in force from 2022-04-01; the incident (2021-06-01) predates it",
    ]);
  });
});

describe('as of a moment', () => {
  it('does not count events recorded after now', () => {
    const test = incident(['uk-ltd']).record(
      'breach.determined',
      determination('uk-ltd', 'uk-gdpr', 'not_notifiable'),
      plus(T0, 30),
    );
    expect(view(compute(test, plus(T0, 29)), 'uk-ltd', 'uk-gdpr-33').status).toBe('running');
    expect(view(compute(test, plus(T0, 30)), 'uk-ltd', 'uk-gdpr-33').status).toBe('not_required');
  });
});

describe('which entities', () => {
  it('are those of the incident, its scope and its obligation events', () => {
    const test = incident(['uk-ltd']).record(
      'breach.determined',
      determination('us-inc', 'us-ny', 'undetermined'),
      plus(T0, 1),
    );
    const entities = new Set(
      compute(test, plus(T0, 2), [{ ref: 'jp-hq-srv1', state: 'suspected' }]).map((v) => v.entity),
    );
    expect([...entities]).toEqual(['jp-hq', 'uk-ltd', 'us-inc']);
  });
});

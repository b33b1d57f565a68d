import { beforeAll, describe, expect, it } from 'vitest';
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

describe('DORA: the earliest of two anchors, and chained reports', () => {
  const classify = (test: TestIncident, at: string, as = 'major') =>
    test.record('incident.classified', { regime: 'dora', classification: as, at, entity: 'de-bank' }, at);

  it('takes 4 hours after classification when that comes first', () => {
    const dora = view(
      compute(classify(incident(['de-bank']), plus(T0, 2)), plus(T0, 5.5)),
      'de-bank',
      'eu-dora-initial',
    );
    expect(dora).toMatchObject({ status: 'due_soon', deadline: plus(T0, 6), provisional: false });
    expect(dora.anchors.map((anchor) => [anchor.from, anchor.deadline])).toEqual([
      ['classification', plus(T0, 6)],
      ['awareness', plus(T0, 24)],
    ]);
  });

  it('takes 24 hours after awareness when classification comes late', () => {
    const dora = view(
      compute(classify(incident(['de-bank']), plus(T0, 22)), plus(T0, 22)),
      'de-bank',
      'eu-dora-initial',
    );
    expect(dora.deadline).toBe(plus(T0, 24));
    expect(dora.deadlineLocal).toBe('2026-10-24T10:00:00.000+02:00');
  });

  it('runs the 24-hour cap provisionally before classification, and is not required below major', () => {
    expect(view(compute(incident(['de-bank']), plus(T0, 1)), 'de-bank', 'eu-dora-initial')).toMatchObject({
      status: 'running',
      provisional: true,
      deadline: plus(T0, 24),
    });
    const minor = compute(classify(incident(['de-bank']), plus(T0, 3), 'not-major'), plus(T0, 30));
    expect(
      ['eu-dora-initial', 'eu-dora-intermediate', 'eu-dora-final'].map((id) => view(minor, 'de-bank', id).status),
    ).toEqual(['not_required', 'not_required', 'not_required']);
    expect(view(minor, 'de-bank', 'eu-dora-intermediate').reasons).toEqual([
      'follows eu-dora-initial, which is not required',
    ]);
  });

  it('starts the intermediate report from the initial filing and the final report from the latest intermediate one', () => {
    const filed = (test: TestIncident, ruleId: string, at: string) =>
      test.record('obligation.filed', { ruleId, entity: 'de-bank', recipient: 'BaFin', at }, at);
    const test = classify(incident(['de-bank']), plus(T0, 2));
    expect(view(compute(test, plus(T0, 3)), 'de-bank', 'eu-dora-intermediate')).toMatchObject({
      status: 'not_started',
      deadline: null,
      chain: { after: ['eu-dora-initial'], next: ['eu-dora-final'] },
    });
    filed(test, 'eu-dora-initial', plus(T0, 5));
    expect(view(compute(test, plus(T0, 6)), 'de-bank', 'eu-dora-intermediate')).toMatchObject({
      status: 'running',
      deadline: plus(T0, 77),
    });
    filed(test, 'eu-dora-intermediate', '2026-10-26T09:00:00.000Z');
    filed(test, 'eu-dora-intermediate', '2026-10-27T12:00:00.000Z');
    const final = view(compute(test, '2026-10-28T00:00:00.000Z'), 'de-bank', 'eu-dora-final');
    expect(final).toMatchObject({
      status: 'running',
      startedAt: '2026-10-27T12:00:00.000Z',
      deadlineLocal: '2026-11-27T13:00:00.000+01:00',
    });
    expect(final.anchors[0]?.note).toBe('latest filing of eu-dora-intermediate');
  });
});

describe('NIS2: the final report follows the notification', () => {
  const nisEstate = testEstate([
    { id: 'nl-ops', country: 'NL', flags: { essentialEntity: true } },
    { id: 'zz-ops', country: 'ZZ', flags: { essentialEntity: true } },
  ]);
  const run = (test: TestIncident, now: string) =>
    computeObligations(pack, { estate: nisEstate, scope: { hosts: [] }, events: test.log, now });

  it('waits for the notification to be filed, then runs one month on the Amsterdam wall clock', () => {
    const test = incident(['nl-ops']).record(
      'incident.classified',
      { regime: 'nis2', classification: 'significant', at: plus(T0, 1) },
      plus(T0, 1),
    );
    const before = view(run(test, plus(T0, 2)), 'nl-ops', 'eu-nis2-final');
    expect(before).toMatchObject({
      status: 'not_started',
      deadline: null,
      chain: { after: ['eu-nis2-notification'], next: [] },
    });
    expect(before.anchors[0]?.note).toBe('starts when eu-nis2-notification is filed');
    expect(view(run(test, plus(T0, 2)), 'nl-ops', 'eu-nis2-notification').chain.next).toEqual(['eu-nis2-final']);
    test.record(
      'obligation.filed',
      { ruleId: 'eu-nis2-notification', entity: 'nl-ops', recipient: 'NCSC-NL', at: '2026-10-24T10:00:00.000Z' },
      '2026-10-24T10:00:00.000Z',
    );
    expect(view(run(test, '2026-10-25T00:00:00.000Z'), 'nl-ops', 'eu-nis2-final')).toMatchObject({
      status: 'running',
      deadlineLocal: '2026-11-24T12:00:00.000+01:00',
    });
  });

  it('counts in UTC, and says so, for a country without a known time zone', () => {
    const zzEstate = testEstate([
      {
        id: 'zz-ops',
        country: 'ZZ',
        stores: [{ id: 'zz-crm', personalData: ['contact'], subjectCountries: ['DE'], records: 10 }],
      },
    ]);
    const views = computeObligations(pack, {
      estate: zzEstate,
      scope: { hosts: [{ ref: 'zz-ops-srv1', state: 'in_scope' }] },
      events: incident(['zz-ops']).log,
      now: plus(T0, 1),
    });
    expect(view(views, 'zz-ops', 'eu-gdpr-33')).toMatchObject({
      applicable: true,
      timeZone: 'UTC',
      warnings: ['no time zone known for country ZZ: days counted in UTC'],
    });
    expect(view(views, 'zz-ops', 'eu-nis2-early-warning').warnings).toEqual([]);
  });
});

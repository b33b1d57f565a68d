import { describe, expect, it } from 'vitest';
import { compareWithHistory, downtime, evaluateExpectations, type RunFacts } from './outcome.js';
import type { Scenario } from './scenario.schema.js';

const H = 3_600_000;
const facts: RunFacts = {
  incidents: [{ id: 'INC-0001', openedAt: 2 * 60_000 }],
  incidentState: 'recover',
  detectedAt: 2 * 60_000,
  containedAt: 3 * H,
  scopeConfirmedAt: 20 * H,
  regions: [
    { region: 'emea', downAt: 3 * H, outOfScopeAt: 18 * H, restoredAt: 19 * H, inScope: false, backlog: [] },
    { region: 'apac', downAt: 1 * H, outOfScopeAt: null, restoredAt: null, inScope: true, backlog: [] },
  ],
  hostScope: { 'tyo-fs01': 'in_scope' },
  obligations: [{ entity: 'hik-hd', rule: 'jp-appi-preliminary', title: 'APPI preliminary report', deadline: '2021-06-05T23:00:00Z', status: 'due' }],
  determinations: [{ entity: 'hik-uk', regime: 'uk-gdpr', result: 'not_notifiable', confirmed: true }],
  alerts: [{ rule: 'r1', title: 'Shadow copies deleted', count: 2 }],
  actions: { total: 10, verified: 10, failed: 0, pending: 0 },
};

describe('evaluateExpectations', () => {
  it('passes what happened in time and fails what did not', () => {
    const results = evaluateExpectations(
      [
        { detected_within: '15m' },
        { contained_within: '2h' },
        { incidents: 1 },
        { incident_state: 'lessons_learned' },
        { region_out_of_scope: { region: 'emea', within: '1d' } },
        { region_out_of_scope: { region: 'apac' } },
        { region_in_scope: { region: 'apac' } },
        { host_scope: { host: 'tyo-fs01', state: 'in_scope' } },
        { obligation: { entity: 'hik-hd', rule: 'jp-appi-preliminary', due: true } },
        { obligation: { entity: 'hik-uk', rule: 'uk-gdpr-33', due: false } },
        { obligation: { entity: 'hik-hd', rule: 'jp-appi-preliminary', due: true, status: 'filed' } },
        { determination: { entity: 'hik-uk', regime: 'uk-gdpr', result: 'not_notifiable' } },
        { alerts_at_least: { count: 3 } },
      ],
      facts,
    );
    expect(results.map((r) => [r.kind, r.ok])).toEqual([
      ['detected_within', true],
      ['contained_within', false],
      ['incidents', true],
      ['incident_state', false],
      ['region_out_of_scope', true],
      ['region_out_of_scope', false],
      ['region_in_scope', true],
      ['host_scope', true],
      ['obligation', true],
      ['obligation', true],
      ['obligation', false],
      ['determination', true],
      ['alerts_at_least', false],
    ]);
    expect(results[1]?.detail).toBe('after 3 h');
    expect(results[10]).toMatchObject({ text: 'hik-hd jp-appi-preliminary filed', detail: 'due, due 2021-06-05 23:00 UTC' });
  });
});

describe('compareWithHistory', () => {
  it('measures the run the way the history states the facts', () => {
    const scenario = { history: { source: 's', facts: [{ label: 'EMEA offline', then: '3d', measure: 'region_downtime', region: 'emea' }, { label: 'scope', then: '3d', measure: 'time_to_confirm_scope' }] } } as unknown as Scenario;
    expect(compareWithHistory(scenario, facts)).toEqual([
      { label: 'EMEA offline', then: 3 * 24 * H, now: 16 * H },
      { label: 'scope', then: 3 * 24 * H, now: 20 * H },
    ]);
    expect(downtime(facts.regions[1]!)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import { indicatorsFromAlerts, mergeIndicators, sweepIndicatorsSchema } from './sweep.indicators.js';
import { MAX_SWEEP_PAIRS, planSweep } from './sweep.plan.js';
import { testEstate } from './recovery.testing.js';
import type { IncidentEvent } from '../incident/index.js';

const HASH = 'a'.repeat(64);
const indicators = sweepIndicatorsSchema.parse({ sha256: [HASH.toUpperCase()], processNames: ['Evil.exe'], remote: ['203.0.113.7'] });

function alert(payload: Record<string, unknown>, seq = 1): IncidentEvent {
  return { incidentId: 'INC-1', seq, id: `e${seq}`, at: '2021-06-01T00:00:00.000Z', actor: 'system:detect', type: 'alert.raised', payload, prevHash: '', hash: '' };
}

describe('planSweep', () => {
  it('sweeps every host of a region with the indicators, without reversal and without taking anything down', () => {
    const plan = planSweep(testEstate(), { region: 'emea' }, indicators);
    expect(plan.kind).toBe('sweep');
    expect(plan.actions.map((a) => a.target.ref)).toEqual(['de-app01', 'de-ws01', 'uk-app01', 'uk-app02', 'uk-db01', 'uk-dc01', 'uk-dns01', 'uk-ws01']);
    expect(plan.actions[0]).toMatchObject({ id: 'a0001', connector: 'agent', operation: 'sweep', reversal: null, target: { kind: 'host', entity: 'de-gmbh' } });
    expect(plan.actions[0]!.args).toEqual({ sha256: [HASH], processNames: ['Evil.exe'], remote: ['203.0.113.7'] });
    expect(plan.entities).toEqual(['de-gmbh', 'uk-ltd']);
    expect(plan.regions).toEqual(['emea']);
    expect(plan.impact).toMatchObject({ hostsAffected: 8, services: [], lostPerHour: [] });
  });

  it('sweeps an entity, or named hosts', () => {
    expect(planSweep(testEstate(), { entity: 'de-gmbh' }, indicators).actions).toHaveLength(2);
    const named = planSweep(testEstate(), { hosts: ['uk-ws01', 'jp-dc01', 'uk-ws01'] }, indicators);
    expect(named.actions.map((a) => a.target.ref)).toEqual(['jp-dc01', 'uk-ws01']);
    expect(named.regions).toEqual(['apac', 'emea']);
  });

  it('names every unknown host, and refuses a sweep without indicators or with too many pairs', () => {
    const unknown = (() => { try { planSweep(testEstate(), { hosts: ['nope1', 'uk-ws01', 'nope2'] }, indicators); } catch (e) { return e; } })();
    expect(unknown).toBeInstanceOf(UserError);
    expect((unknown as UserError).code).toBe('not_found');
    expect((unknown as UserError).issues.map((i) => i.message)).toEqual(['no host "nope1"', 'no host "nope2"']);
    expect(() => planSweep(testEstate(), { region: 'emea' }, sweepIndicatorsSchema.parse({}))).toThrow(/at least one indicator/);
    expect(() => planSweep(testEstate(), { region: 'mars' }, indicators)).toThrow(/no region "mars"/);
    const many = sweepIndicatorsSchema.parse({ sha256: Array.from({ length: 10_000 }, (_, i) => i.toString(16).padStart(64, '0')) });
    expect(11 * 10_000).toBeLessThan(MAX_SWEEP_PAIRS);
    expect(planSweep(testEstate(), { region: 'emea' }, many).actions).toHaveLength(8);
  });
});

describe('indicators', () => {
  it('takes indicator hits and event hashes from alerts, but not the images of Sigma matches', () => {
    const events = [
      alert({ source: 'ioc', indicator: { type: 'sha256', value: HASH }, event: {} }, 1),
      alert({ source: 'ioc', indicator: { type: 'ipv4', value: '198.51.100.9' }, event: {} }, 2),
      alert({ source: 'ioc', indicator: { type: 'file-name', value: 'Qbot.DLL' }, event: {} }, 3),
      alert({ source: 'sigma', event: { Image: 'C:\\Windows\\System32\\regsvr32.exe', Hashes: `MD5=${'c'.repeat(32)},SHA256=${'B'.repeat(64)}` } }, 4),
      alert({ source: 'webhook', event: { file: { sha256: 'd'.repeat(64) } } }, 5),
      { ...alert({ text: 'not an alert' }, 6), type: 'note.added' },
    ];
    expect(indicatorsFromAlerts(events)).toEqual({ sha256: [HASH, 'b'.repeat(64), 'd'.repeat(64)], processNames: ['qbot.dll'], remote: ['198.51.100.9'] });
  });

  it('merges sets without duplicates, and validates what a request names', () => {
    const merged = mergeIndicators(indicators, { sha256: [HASH], processNames: ['EVIL.EXE'], remote: ['203.0.113.7', '10.0.0.0/8'] });
    expect(merged).toEqual({ sha256: [HASH], processNames: ['evil.exe'], remote: ['10.0.0.0/8', '203.0.113.7'] });
    const bad = sweepIndicatorsSchema.safeParse({ sha256: ['abc'], remote: ['not-an-ip'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['sha256.0', 'remote.0']);
  });
});

import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { buildEstateIndex } from './estate-index.js';
import { miniEstate, type MiniEstate } from './estate-fixture.js';
import { isolationImpact } from './isolation-impact.js';
import type { IsolationTarget } from './isolation-impact.types.js';

const estate: MiniEstate = {
  entities: { 'fgs-uk': 'emea', 'fuji-de': 'emea', 'fuji-jp': 'japan' },
  segments: { 'uk-dc': 'fgs-uk', 'de-dc': 'fuji-de', 'jp-dc': 'fuji-jp' },
  hosts: { 'uk-dc': ['id1', 'id2', 'ord1', 'ord2'], 'de-dc': ['bill1', 'bill2', 'bill3', 'bill4'], 'jp-dc': ['jp1'] },
  services: [
    { id: 'identity-emea', entity: 'fgs-uk', hosts: ['id1', 'id2'], criticality: 'critical' },
    { id: 'orders', entity: 'fgs-uk', hosts: ['ord1', 'ord2'], dependsOn: ['identity-emea'], throughput: { perHour: 100, unit: 'orders' } },
    { id: 'billing', entity: 'fuji-de', hosts: ['bill1', 'bill2', 'bill3', 'bill4'], dependsOn: ['orders'], throughput: { perHour: 40, unit: 'invoices' } },
    { id: 'jp-print', entity: 'fuji-jp', hosts: ['jp1'], throughput: { perHour: 10, unit: 'prints' } },
  ],
};

function impact(target: IsolationTarget, spec: MiniEstate = estate) {
  return isolationImpact(buildEstateIndex(miniEstate(spec)), target);
}

const byId = (result: ReturnType<typeof impact>) => new Map(result.services.map((s) => [s.id, s]));

describe('isolationImpact: down and degraded', () => {
  it('takes a service down when all its hosts are isolated, and its dependents with it', () => {
    const services = byId(impact({ hosts: ['id1', 'id2'] }));
    expect(services.get('identity-emea')).toMatchObject({ status: 'down', capacity: 0, reasons: ['all 2 hosts isolated'] });
    expect(services.get('orders')).toMatchObject({ status: 'down', reasons: ['depends on identity-emea (down)'] });
    expect(services.get('billing')?.chain).toEqual([
      'billing depends on orders (down)',
      'orders depends on identity-emea (down)',
      'identity-emea: all 2 hosts isolated',
    ]);
    expect(services.has('jp-print')).toBe(false);
  });

  it('degrades a service that loses some hosts; its dependents run on the redundancy left', () => {
    const services = byId(impact({ hosts: ['ord1'] }));
    expect(services.get('orders')).toMatchObject({ status: 'degraded', capacity: 0.5, reasons: ['1 of 2 hosts isolated'] });
    expect(services.has('billing')).toBe(false);
    expect(services.has('identity-emea')).toBe(false);
  });

  it('lists every direct reason and follows the decisive one', () => {
    const billing = byId(impact({ hosts: ['bill1', 'ord1', 'ord2'] })).get('billing');
    expect(billing).toMatchObject({ status: 'down', reasons: ['1 of 4 hosts isolated', 'depends on orders (down)'] });
    expect(billing?.chain).toEqual(['billing depends on orders (down)', 'orders: all 2 hosts isolated']);
  });

  it('orders the result: down first, then by criticality', () => {
    expect(impact({ hosts: ['id1', 'bill1', 'bill2', 'ord1', 'ord2'] }).services.map((s) => [s.id, s.status])).toEqual([
      ['orders', 'down'],
      ['billing', 'down'],
      ['identity-emea', 'degraded'],
    ]);
  });

  it('terminates on cyclic dependencies', () => {
    const cyclic: MiniEstate = {
      ...estate,
      services: [
        { id: 'a', hosts: ['id1'], dependsOn: ['b'] },
        { id: 'b', hosts: ['id2'], dependsOn: ['a'] },
      ],
    };
    const services = byId(impact({ hosts: ['id1'] }, cyclic));
    expect(services.get('b')).toMatchObject({ status: 'down', chain: ['b depends on a (down)', 'a: all 1 host isolated'] });
  });
});

describe('isolationImpact: targets', () => {
  it('isolates every host of a segment', () => {
    expect(impact({ segments: ['de-dc'] }).isolatedHosts).toEqual(['bill1', 'bill2', 'bill3', 'bill4']);
  });

  it('isolates every host of an entity and counts hosts isolated per entity, most hit first', () => {
    const result = impact({ entities: ['fgs-uk'], hosts: ['jp1'] });
    expect(result.totals.hostsIsolated).toBe(5);
    expect(result.byEntity.map((e) => [e.id, e.hostsIsolated])).toEqual([
      ['fgs-uk', 4],
      ['fuji-jp', 1],
      ['fuji-de', 0],
    ]);
  });

  it('isolates a region as all of its entities ("take EMEA offline")', () => {
    const result = impact({ regions: ['emea'] });
    expect(result.target.regions).toEqual(['emea']);
    expect(result.totals).toMatchObject({ hostsIsolated: 8, servicesDown: 3, servicesDegraded: 0 });
    expect(result.byRegion.map((r) => [r.id, r.entities, r.servicesDown])).toEqual([['emea', ['fgs-uk', 'fuji-de'], 3]]);
  });

  it('rejects unknown ids, listing them by kind', () => {
    const run = () => impact({ hosts: ['id1', 'ghost'], entities: ['acme'], regions: ['mars'] });
    expect(run).toThrow(UserError);
    expect(run).toThrow(/hosts: ghost; entities: acme; regions: mars/);
  });
});

describe('isolationImpact: throughput', () => {
  it('loses full throughput when down, and the isolated share when degraded', () => {
    const result = impact({ hosts: ['id1', 'id2', 'jp1'] });
    expect(byId(result).get('orders')?.lost).toEqual({ unit: 'orders', perHour: 100, normalPerHour: 100 });
    expect(result.totals.lostPerHour).toEqual([
      { unit: 'orders', perHour: 100 },
      { unit: 'invoices', perHour: 40 },
      { unit: 'prints', perHour: 10 },
    ]);
    expect(result.assumptions.length).toBeGreaterThan(0);
  });

  it('totals lost throughput per entity and per region', () => {
    const result = impact({ hosts: ['bill1', 'jp1'] });
    const entities = Object.fromEntries(result.byEntity.map((e) => [e.id, e.lostPerHour]));
    expect(entities).toEqual({
      'fuji-de': [{ unit: 'invoices', perHour: 10 }],
      'fuji-jp': [{ unit: 'prints', perHour: 10 }],
    });
    expect(result.byRegion.map((r) => [r.id, r.lostPerHour])).toEqual([
      ['japan', [{ unit: 'prints', perHour: 10 }]],
      ['emea', [{ unit: 'invoices', perHour: 10 }]],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildEstateIndex } from '../estate/graph/index.js';
import { computeBacklog } from './backlog.js';
import { backlogCurve, sampleCurve } from './backlog.curve.js';
import { actionRecord, at, testEstate } from './recovery.testing.js';

const HOUR = 3_600_000;

describe('backlogCurve', () => {
  it('accrues throughput x downtime and works it off with the spare of the surge', () => {
    // 100 orders/h, down 2 h, back with surge 1.25: 200 behind, 25 spare per hour, worked off 8 h later.
    const curve = backlogCurve([{ from: 0, to: 2 * HOUR, capacity: 0 }, { from: 2 * HOUR, to: null, capacity: 1 }], 100, 1.25, 3 * HOUR, 48 * HOUR);
    expect(curve).toMatchObject({ accrued: 200, clearedAt: 10 * HOUR, projected: true });
    expect(sampleCurve(curve.points, 2 * HOUR)).toBe(200);
    expect(sampleCurve(curve.points, 6 * HOUR)).toBe(100);
    expect(sampleCurve(curve.points, 12 * HOUR)).toBe(0);
  });

  it('accrues the lost share while degraded, and nothing is worked off until back', () => {
    const curve = backlogCurve([{ from: 0, to: 4 * HOUR, capacity: 0.5 }, { from: 4 * HOUR, to: null, capacity: 0 }], 100, 1.25, 5 * HOUR, 48 * HOUR);
    expect(curve).toMatchObject({ accrued: 300, clearedAt: null, projected: false });
    expect(sampleCurve(curve.points, 5 * HOUR)).toBe(300);
    expect(sampleCurve(curve.points, 6 * HOUR)).toBeUndefined();
  });

  it('never works a backlog off without spare capacity', () => {
    const curve = backlogCurve([{ from: 0, to: HOUR, capacity: 0 }, { from: HOUR, to: null, capacity: 1 }], 100, 1, 2 * HOUR, 48 * HOUR);
    expect(curve).toMatchObject({ accrued: 100, clearedAt: null });
    expect(sampleCurve(curve.points, 2 * HOUR)).toBe(100);
  });
});

describe('computeBacklog', () => {
  const estate = testEstate();
  const index = buildEstateIndex(estate);

  it('follows the containment: dependents of a down identity are down, a half-isolated service is degraded', () => {
    const records = [
      // AD EMEA isolated for 2 hours: orders-uk and billing-de are down with it.
      actionRecord({ planId: 'P-1', actionId: 'a1', operation: 'isolate', host: 'uk-dc01', entity: 'uk-ltd', states: [['requested', 0], ['verified', 0]] }),
      actionRecord({ planId: 'P-1', actionId: 'a1', direction: 'reverse', operation: 'release', host: 'uk-dc01', entity: 'uk-ltd', states: [['requested', 120], ['verified', 120]] }),
      // Then one of the two order servers isolated for 4 hours: orders-uk at half capacity.
      actionRecord({ planId: 'P-2', actionId: 'a1', operation: 'isolate', host: 'uk-app01', entity: 'uk-ltd', states: [['requested', 120], ['verified', 120]] }),
      actionRecord({ planId: 'R-1', actionId: 'a1', operation: 'release', host: 'uk-app01', entity: 'uk-ltd', states: [['requested', 360], ['verified', 360]] }),
    ];
    const view = computeBacklog(estate, index, records, { now: new Date(at(420)) }, { surge: 1.25, stepMinutes: 60 });
    const orders = view.services.find((s) => s.id === 'orders-uk')!;
    // 120/h x 2 h down + 120/h x 0.5 x 4 h degraded = 240 + 240 = 480; 30 spare per hour from 06:00: 1 h worked off by 07:00.
    expect(orders).toMatchObject({ state: 'restored', downSince: at(0), restoredAt: at(360), accrued: 480, backlog: 450, lostPerHour: 0, unit: 'orders' });
    expect(orders.outages).toEqual([{ from: at(0), to: at(360), lowestCapacity: 0 }]);
    expect(orders.workOff).toEqual({ hours: 15, clearedAt: at(360 + 16 * 60), projected: true });
    const billing = view.services.find((s) => s.id === 'billing-de')!;
    expect(billing).toMatchObject({ accrued: 100, restoredAt: at(120), backlog: 37.5, workOff: { hours: 3, clearedAt: at(120 + 8 * 60), projected: true } });
    expect(view.services.find((s) => s.id === 'identity-emea')).toMatchObject({ unit: null, accrued: null, restoredAt: at(120) });
    expect(view.grid[0]).toBe(at(0));
    expect(view.grid.length).toBe(23);
    expect(view.grid.at(-1)).toBe(at(22 * 60));
    expect(orders.series!.at(-1)).toBe(0);
    expect(orders.series!.slice(0, 8)).toEqual([0, 120, 240, 300, 360, 420, 480, 450]);
    const emea = view.regions.find((r) => r.id === 'emea')!;
    expect(emea.units.map((u) => [u.unit, u.accrued, u.backlog])).toEqual([['invoices', 100, 37.5], ['orders', 480, 450]]);
    expect(emea.units[1]!.clearedAt).toBe(at(360 + 16 * 60));
    expect(view.totals.map((u) => u.unit)).toEqual(['invoices', 'orders']);
  });

  it('leaves the work-off open while a service is still down, with the time it would take if restored now', () => {
    const records = [actionRecord({ planId: 'P-1', operation: 'isolate', host: 'jp-app01', entity: 'jp-hq', states: [['requested', 0], ['applied', 0]] })];
    const view = computeBacklog(estate, index, records, { now: new Date(at(180)) }, { surge: 1.5 });
    const orders = view.services.find((s) => s.id === 'orders-jp')!;
    expect(orders).toMatchObject({ state: 'down', restoredAt: null, accrued: 300, backlog: 300, lostPerHour: 100, workOff: { hours: 6, clearedAt: null, projected: false } });
    // ERP Japan runs on jp-app01 and jp-db01: half of it is left.
    expect(view.entities).toEqual([expect.objectContaining({ id: 'jp-hq', servicesDown: 1, servicesDegraded: 1, restoredAt: null })]);
    expect(view.regions[0]!.units[0]!.clearedAt).toBeNull();
    expect(orders.series!.at(-1)).toBe(300);
  });

  it('keeps an outage shorter than a minute', () => {
    const records = [
      actionRecord({ planId: 'P-1', actionId: 'a1', operation: 'isolate', host: 'uk-dc01', entity: 'uk-ltd', states: [['requested', 0], ['verified', 0.25]] }),
      actionRecord({ planId: 'P-1', actionId: 'a1', direction: 'reverse', operation: 'release', host: 'uk-dc01', entity: 'uk-ltd', states: [['requested', 0.5], ['verified', 0.75]] }),
    ];
    const orders = computeBacklog(estate, index, records, { now: new Date(at(60)) }).services.find((s) => s.id === 'orders-uk')!;
    expect(orders).toMatchObject({ state: 'restored', downSince: at(0.25), restoredAt: at(0.75), accrued: 1, backlog: 0 });
  });

  it('is empty when nothing was contained', () => {
    const view = computeBacklog(estate, index, [], { now: new Date(at(0)) });
    expect(view).toMatchObject({ services: [], entities: [], regions: [], totals: [], grid: [] });
  });
});

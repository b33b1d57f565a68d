import { describe, expect, it } from 'vitest';
import { orderServices, serviceTier, type OrderNode } from './recovery.order.js';
import { actionRecord } from './recovery.testing.js';
import { containmentAt, containmentTimeline } from './recovery.containment.js';
import { testEstate } from './recovery.testing.js';

const node = (id: string, dependsOn: string[], tier: OrderNode['tier'] = 'application', criticality: OrderNode['criticality'] = 'medium'): OrderNode => ({ id, dependsOn, tier, criticality });

describe('orderServices', () => {
  it('puts identity and network first, then follows dependencies, ties broken by criticality then id', () => {
    const { groups, cycles } = orderServices([
      node('billing', ['erp', 'ad'], 'application', 'high'),
      node('orders', ['erp', 'ad', 'dns'], 'application', 'critical'),
      node('erp', ['ad', 'db'], 'application', 'critical'),
      node('db', ['ad'], 'data', 'high'),
      node('dns', [], 'network', 'high'),
      node('ad', [], 'identity', 'critical'),
      node('wiki', [], 'application', 'low'),
      node('print', [], 'application', 'high'),
    ]);
    expect(groups).toEqual([['ad'], ['dns'], ['db'], ['erp'], ['orders'], ['billing'], ['print'], ['wiki']]);
    expect(cycles).toEqual([]);
  });

  it('reports cycles and restores their services together, after what they depend on', () => {
    const { groups, cycles } = orderServices([
      node('a', ['b', 'ad']),
      node('b', ['c']),
      node('c', ['a']),
      node('d', ['a']),
      node('ad', [], 'identity'),
      node('self', ['self']),
    ]);
    expect(cycles).toEqual([['a', 'b', 'c'], ['self']]);
    expect(groups).toEqual([['ad'], ['a', 'b', 'c'], ['d'], ['self']]);
  });

  it('ignores dependencies outside the plan and handles long chains without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => node(`s${i}`, i === 0 ? ['elsewhere'] : [`s${i - 1}`]));
    const { groups } = orderServices(chain);
    expect(groups).toHaveLength(20_000);
    expect(groups[0]).toEqual(['s0']);
    expect(groups[19_999]).toEqual(['s19999']);
  });

  it('classifies services by name and host roles', () => {
    const estate = testEstate();
    const hosts = new Map(estate.hosts.map((h) => [h.hostname, h]));
    const tiers = Object.fromEntries(estate.services.map((s) => [s.id, serviceTier(s, hosts)]));
    expect(tiers).toEqual({ 'identity-jp': 'identity', 'erp-jp': 'application', 'orders-jp': 'application', 'identity-emea': 'identity', 'dns-emea': 'network', 'db-uk': 'data', 'orders-uk': 'application', 'billing-de': 'application' });
  });
});

describe('containment from action records', () => {
  it('follows isolation, rollback, release and cuts by their arguments', () => {
    const records = [
      actionRecord({ planId: 'P-1', actionId: 'a0001', operation: 'isolate', host: 'uk-app01', entity: 'uk-ltd', states: [['requested', 0], ['sent', 1], ['verified', 2]] }),
      actionRecord({ planId: 'P-1', actionId: 'a0002', operation: 'isolate', host: 'uk-app02', entity: 'uk-ltd', states: [['requested', 0], ['failed', 3]] }),
      actionRecord({ planId: 'P-1', actionId: 'a0003', operation: 'isolate', host: 'uk-db01', entity: 'uk-ltd', states: [['requested', 0], ['applied', 2], ['failed', 3]] }),
      actionRecord({ planId: 'P-1', actionId: 'a0004', operation: 'isolate', host: 'uk-ws01', entity: 'uk-ltd', states: [['requested', 0], ['verified', 2]] }),
      actionRecord({ planId: 'P-1', actionId: 'a0004', direction: 'reverse', operation: 'release', host: 'uk-ws01', entity: 'uk-ltd', states: [['requested', 10], ['verified', 11]] }),
      actionRecord({ planId: 'P-1', actionId: 'a0005', operation: 'cut', segment: 'uk-server', entity: 'uk-ltd', args: { segment: 'uk-server', external: true, peers: [] }, states: [['requested', 0], ['verified', 2]] }),
      actionRecord({ planId: 'P-1', actionId: 'a0006', operation: 'cut', segment: 'uk-server', entity: 'uk-ltd', args: { segment: 'uk-server', external: false, peers: ['uk-office'] }, states: [['requested', 0], ['verified', 2]] }),
      actionRecord({ planId: 'R-1', actionId: 'a0001', operation: 'restore', segment: 'uk-server', entity: 'uk-ltd', args: { peers: [], external: true, segment: 'uk-server' }, states: [['requested', 20], ['verified', 21]] }),
      actionRecord({ planId: 'R-1', actionId: 'a0002', operation: 'release', host: 'uk-app01', entity: 'uk-ltd', states: [['requested', 30], ['verified', 31]] }),
    ];
    const timeline = containmentTimeline(records);
    const hostsAt = (minutes?: number) => [...containmentAt(timeline, minutes === undefined ? undefined : new Date(Date.parse('2021-06-02T00:00:00.000Z') + minutes * 60_000).toISOString()).hosts.keys()].sort();
    expect(hostsAt(5)).toEqual(['uk-app01', 'uk-db01', 'uk-ws01']);
    expect(hostsAt(15)).toEqual(['uk-app01', 'uk-db01']);
    expect(hostsAt()).toEqual(['uk-db01']);
    const cuts = [...containmentAt(timeline).cuts.values()];
    expect(cuts.map((c) => c.args)).toEqual([{ segment: 'uk-server', external: false, peers: ['uk-office'] }]);
  });
});

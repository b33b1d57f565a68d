import { describe, expect, it } from 'vitest';
import { attackOf, boundedEvent, DEFAULT_GROUPING, groupAlerts, MAX_EVENT_BYTES, reportedHost, type Alert, type GroupTarget } from './index.js';

let n = 0;
function alert(over: Partial<Alert> & { level?: Alert['rule']['level']; minute?: number }): Alert {
  n += 1;
  const at = new Date(Date.UTC(2021, 5, 1, 22, over.minute ?? 0)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    at,
    receivedAt: at,
    source: 'sigma',
    rule: { id: `rule-${n}`, title: 'x', level: over.level ?? 'high', author: 'someone', tags: [], references: [] },
    techniques: [],
    tactics: [],
    hostReported: null,
    host: null,
    entity: null,
    segment: null,
    event: {},
    truncated: false,
    ...over,
  };
}

describe('alert helpers', () => {
  it('splits ATT&CK tags into techniques and tactics', () => {
    expect(attackOf(['attack.execution', 'attack.t1059.001', 'attack.T1218', 'cve.2021-1', 'attack.lateral_movement'])).toEqual({
      techniques: ['T1059.001', 'T1218'],
      tactics: ['execution', 'lateral-movement'],
    });
  });

  it('names the host without its domain and cuts big events', () => {
    expect(reportedHost({ Computer: 'TYO-WS001.hikari.local' })).toBe('tyo-ws001');
    expect(reportedHost({ host: { name: 'uk-app01' } })).toBe('uk-app01');
    expect(reportedHost({ EventID: 1 })).toBeUndefined();
    const big = boundedEvent({ CommandLine: 'x'.repeat(MAX_EVENT_BYTES * 2) });
    expect(big.truncated).toBe(true);
    expect(JSON.stringify(big.event).length).toBeLessThan(MAX_EVENT_BYTES + 100);
  });
});

describe('groupAlerts', () => {
  it('groups alerts on one host, or one segment, into one new incident', () => {
    const a = alert({ host: 'tyo-ws001', segment: 'office', entity: 'hik-hd' });
    const b = alert({ host: 'tyo-ws002', segment: 'office', entity: 'hik-hd', minute: 5 });
    const c = alert({ host: 'uk-app01', segment: 'uk-server', entity: 'hik-uk', minute: 6 });
    const { groups } = groupAlerts([a, b, c], [], DEFAULT_GROUPING);
    expect(groups.map((g) => g.alerts.map((x) => x.host))).toEqual([['tyo-ws001', 'tyo-ws002'], ['uk-app01']]);
    expect(groups.every((g) => g.incidentId === null)).toBe(true);
  });

  it('joins an open incident within the window and not after it', () => {
    const open: GroupTarget = { incidentId: 'INC-0001', lastAlertAt: Date.UTC(2021, 5, 1, 22, 0), keys: new Set(['host:tyo-fs01']), alerts: [] };
    const near = alert({ host: 'tyo-fs01', minute: 30 });
    const late = alert({ host: 'tyo-fs01', minute: 60 * 25 + 40 });
    const { groups } = groupAlerts([near, late], [open], DEFAULT_GROUPING);
    expect(groups.map((g) => [g.incidentId, g.alerts.length])).toEqual([['INC-0001', 1], [null, 1]]);
  });

  it('relates the same technique within one entity, and respects the policy switches', () => {
    const a = alert({ host: 'de-ws01', entity: 'hik-de', techniques: ['T1490'] });
    const b = alert({ host: 'de-fs01', entity: 'hik-de', techniques: ['T1490'], minute: 1 });
    expect(groupAlerts([a, b], [], DEFAULT_GROUPING).groups).toHaveLength(1);
    const strict = { ...DEFAULT_GROUPING, relateBy: { host: true, segment: false, entityTechnique: false } };
    expect(groupAlerts([a, b], [], strict).groups).toHaveLength(2);
  });

  it('keeps alerts below the opening level out of new incidents but lets them join', () => {
    const policy = { ...DEFAULT_GROUPING, minLevelToOpen: 'medium' as const };
    const low = alert({ host: 'x1', level: 'low' });
    const high = alert({ host: 'x2', level: 'high', minute: 1 });
    const lowOnX2 = alert({ host: 'x2', level: 'low', minute: 2 });
    const { groups, unassigned } = groupAlerts([low, high, lowOnX2], [], policy);
    expect(unassigned.map((a) => a.host)).toEqual(['x1']);
    expect(groups[0]?.alerts.map((a) => a.rule.level)).toEqual(['high', 'low']);
  });

  it('groups alerts without any host by rule', () => {
    const a = alert({ rule: { id: 'r', title: 't', level: 'high', author: 'a', tags: [], references: [] } });
    const b = alert({ rule: { id: 'r', title: 't', level: 'high', author: 'a', tags: [], references: [] }, minute: 3 });
    expect(groupAlerts([a, b], [], DEFAULT_GROUPING).groups).toHaveLength(1);
  });
});

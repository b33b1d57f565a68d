import { describe, expect, it } from 'vitest';
import { compileRules, Detector, IndicatorIndex, matchEvent, normaliseEvent, parseIndicatorCsv } from '../detect/index.js';
import { alertFromDetection, alertFromIndicator, alertSchema, boundedEvents, distinctHits, indicatorLevel, MAX_EVENT_BYTES, type Locate } from './index.js';

const ctx = { id: '00000000-0000-4000-8000-000000000001', receivedAt: '2024-05-01T12:00:00.000Z' };
const locate: Locate = (host) => (host === 'dc01' ? { host: 'dc01', entity: 'jp-hq', segment: 'jp-dc' } : undefined);

describe('indicator alerts', () => {
  const { indicators } = parseIndicatorCsv('type,value,description,source,name,tags,confidence\nipv4,10.66.0.0/16,VPN,Example CERT,Attacker VPN,attack.t1133;vpn,30\n', { file: 'list.csv' });
  const index = IndicatorIndex.from(indicators.map((i) => ({ ...i, origin: { ...i.origin, set: 'partner' } })));

  it('keep the indicator, the field and value it matched, and its creator as the author', () => {
    const event = { Computer: 'DC01.corp.local', DestinationIp: '10.66.1.2', SourceIp: '10.66.1.3' };
    const record = normaliseEvent(event)!;
    const hits = matchEvent(index, record, { now: 0 });
    expect(hits).toHaveLength(2);
    const [hit] = distinctHits(hits);
    const alert = alertFromIndicator(hit!, record, event, { ...ctx, locate }, { at: '2024-05-01T11:00:00.000Z' });
    expect(alertSchema.parse(alert)).toEqual(alert);
    expect(alert).toMatchObject({
      source: 'ioc',
      at: '2024-05-01T11:00:00.000Z',
      host: 'dc01',
      entity: 'jp-hq',
      techniques: ['T1133'],
      rule: { id: 'ioc:list.csv:2', title: 'IOC ipv4 10.66.1.2 (Attacker VPN)', level: 'medium', author: 'Example CERT', references: ['indicator set partner'] },
      indicator: { type: 'ipv4', value: '10.66.0.0/16', field: 'DestinationIp', fieldValue: '10.66.1.2', set: 'partner', confidence: 30, format: 'csv' },
    });
  });

  it('take their level from the set, else from the confidence', () => {
    expect(indicatorLevel(undefined, undefined)).toBe('high');
    expect(indicatorLevel(90, undefined)).toBe('high');
    expect(indicatorLevel(20, undefined)).toBe('medium');
    expect(indicatorLevel(5, undefined)).toBe('low');
    expect(indicatorLevel(5, 'critical')).toBe('critical');
  });
});

describe('correlation alerts', () => {
  it('name the correlation, its group and count, keep the first events, and sit on the group-by host', () => {
    const { engine } = compileRules([{ file: 'c.yml', text: `title: Failed logon
name: failed
logsource: { product: windows, service: security }
detection: { sel: { EventID: 4625 }, condition: sel }
---
title: Many failures
author: Example
level: high
tags: [attack.t1110]
correlation: { type: event_count, rules: [failed], group-by: [Computer], timespan: 10m, condition: { gte: 3 } }
` }]);
    const detector = new Detector(engine);
    const events = [0, 1, 2].map((m) => ({ Channel: 'Security', EventID: 4625, Computer: 'DC01', '@timestamp': `2024-05-01T10:0${m}:00Z`, Padding: 'x'.repeat(MAX_EVENT_BYTES / 2) }));
    const [found] = events.flatMap((e) => detector.push(e));
    const alert = alertFromDetection(found!, { ...ctx, locate });
    expect(alertSchema.parse(alert)).toEqual(alert);
    expect(alert).toMatchObject({ source: 'sigma', at: '2024-05-01T10:02:00.000Z', host: 'dc01', techniques: ['T1110'], truncated: true, rule: { title: 'Many failures', author: 'Example' } });
    expect(alert.correlation).toMatchObject({ type: 'event_count', count: 3, events: 3, group: { Computer: 'DC01' }, firstAt: '2024-05-01T10:00:00.000Z' });
    expect(alert.event).toHaveLength(1); // two halves of the budget do not fit with the third
  });

  it('bound the events kept to MAX_EVENT_BYTES of JSON', () => {
    expect(boundedEvents([{ a: 1 }, { b: 2 }])).toEqual({ event: [{ a: 1 }, { b: 2 }], truncated: false });
    const big = { text: 'y'.repeat(MAX_EVENT_BYTES * 2) };
    const cut = boundedEvents([big, { a: 1 }]);
    expect(cut.truncated).toBe(true);
    expect(JSON.stringify(cut.event).length).toBeLessThan(MAX_EVENT_BYTES + 100);
  });
});

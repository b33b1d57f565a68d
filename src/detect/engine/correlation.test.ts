/**
 * Correlation rules (Sigma 2.0): event_count, value_count, temporal and temporal_ordered with group-by,
 * timespan, conditions (lower bounds, upper bounds, ranges, eq, neq), aliases, references by name and id,
 * chaining and the generate flag; evaluated over a stream with the events' own clock.
 */
import { describe, expect, it } from 'vitest';
import { compileRules } from './compile-rules.js';
import { Detector } from './detector.js';
import type { Alert } from './alert.js';

const BASE = `
title: Failed logon
id: 5638f7c0-ac70-491d-8465-2a65075e0d86
name: failed_logon
logsource: { product: windows, service: security }
detection: { sel: { EventID: 4625 }, condition: sel }
---
title: Successful logon
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_logon
logsource: { product: windows, service: security }
detection: { sel: { EventID: 4624 }, condition: sel }
`;

function run(correlation: string, events: Record<string, unknown>[], extra = ''): { alerts: Alert[]; problems: string[] } {
  const { engine, problems } = compileRules([{ file: 'c.yml', text: `${BASE}---\n${correlation}${extra}` }]);
  const detector = new Detector(engine);
  const alerts = events.flatMap((e) => detector.push(e));
  alerts.push(...detector.flush());
  return { alerts, problems: problems.map((p) => p.reason) };
}

const at = (minute: number): string => `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const fail = (minute: number, user: string, ip = '10.0.0.1'): Record<string, unknown> => ({
  Channel: 'Security', EventID: 4625, TargetUserName: user, IpAddress: ip, '@timestamp': at(minute),
});
const ok = (minute: number, user: string, ip = '10.0.0.1'): Record<string, unknown> => ({
  Channel: 'Security', EventID: 4624, TargetUserName: user, IpAddress: ip, '@timestamp': at(minute),
});

const correlations = (alerts: Alert[]): Alert[] => alerts.filter((a) => a.kind === 'correlation');

describe('event_count', () => {
  const rule = `title: Many failed logons
id: 0e95725d-7320-415d-80f7-004da920fc11
level: high
author: Firebreak tests
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 10m
  condition: { gte: 3 }
`;

  it('fires once per group when the count is reached within the timespan', () => {
    const { alerts, problems } = run(rule, [fail(0, 'alice'), fail(1, 'bob'), fail(2, 'alice'), fail(3, 'alice'), fail(4, 'alice')]);
    expect(problems).toEqual([]);
    const fired = correlations(alerts);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      title: 'Many failed logons', level: 'high', author: 'Firebreak tests', time: at(3),
      correlation: { type: 'event_count', group: { TargetUserName: 'alice' }, count: 3, firstTime: at(0), rules: ['5638f7c0-ac70-491d-8465-2a65075e0d86'] },
    });
    expect(fired[0]!.correlation!.events).toHaveLength(3);
  });

  it('does not fire when the events are spread beyond the timespan', () => {
    expect(correlations(run(rule, [fail(0, 'alice'), fail(8, 'alice'), fail(19, 'alice')]).alerts)).toEqual([]);
  });

  it('does not alert on the referenced rule itself unless generate is true', () => {
    expect(run(rule, [fail(0, 'alice')]).alerts).toEqual([]);
    const generating = rule.replace('condition: { gte: 3 }', 'condition: { gte: 3 }\n  generate: true');
    expect(run(generating, [fail(0, 'alice')]).alerts.map((a) => a.title)).toEqual(['Failed logon']);
  });

  it('decides upper bounds and exact counts when the window is over', () => {
    const few = rule.replace('{ gte: 3 }', '{ lt: 3 }');
    const { alerts } = run(few, [fail(0, 'alice'), fail(1, 'alice'), fail(0, 'bob'), fail(1, 'bob'), fail(2, 'bob'), fail(30, 'carol')]);
    expect(correlations(alerts).map((a) => a.correlation!.group['TargetUserName'])).toEqual(['alice', 'carol']);
    const range = rule.replace('{ gte: 3 }', '{ gt: 1, lte: 2 }');
    expect(correlations(run(range, [fail(0, 'a'), fail(1, 'a'), fail(0, 'b')]).alerts).map((a) => a.correlation!.count)).toEqual([2]);
    const eq = rule.replace('{ gte: 3 }', '{ eq: 1 }');
    expect(correlations(run(eq, [fail(0, 'a'), fail(1, 'a'), fail(0, 'b')]).alerts).map((a) => a.correlation!.group['TargetUserName'])).toEqual(['b']);
    const neq = rule.replace('{ gte: 3 }', '{ neq: 1 }');
    expect(correlations(run(neq, [fail(0, 'a'), fail(1, 'a'), fail(0, 'b')]).alerts).map((a) => a.correlation!.group['TargetUserName'])).toEqual(['a']);
  });

  it('refers to rules by id as well as by name', () => {
    const byId = rule.replace('rules: [failed_logon]', 'rules: [5638f7c0-ac70-491d-8465-2a65075e0d86]');
    expect(correlations(run(byId, [fail(0, 'a'), fail(1, 'a'), fail(2, 'a')]).alerts)).toHaveLength(1);
  });

  it('reports a correlation that refers to an unknown rule', () => {
    const { problems } = run(rule.replace('[failed_logon]', '[no_such_rule]'), []);
    expect(problems).toEqual(['correlation refers to unknown rule(s): no_such_rule']);
  });
});

describe('value_count', () => {
  it('counts distinct values of the field per group', () => {
    const rule = `title: Password spraying
correlation: { type: value_count, rules: [failed_logon], group-by: [IpAddress], timespan: 1h, condition: { field: TargetUserName, gte: 3 } }
`;
    const events = [fail(0, 'a', 'ip1'), fail(1, 'a', 'ip1'), fail(2, 'b', 'ip1'), fail(3, 'x', 'ip2'), fail(4, 'c', 'ip1')];
    const fired = correlations(run(rule, events).alerts);
    expect(fired.map((a) => [a.correlation!.group['IpAddress'], a.correlation!.count])).toEqual([['ip1', 3]]);
  });
});

describe('temporal and temporal_ordered', () => {
  const temporal = `title: Failure and success
correlation: { type: temporal, rules: [failed_logon, successful_logon], group-by: [TargetUserName], timespan: 5m }
`;
  it('temporal: all rules in any order within the timespan, per group', () => {
    expect(correlations(run(temporal, [ok(0, 'a'), fail(1, 'a')]).alerts)).toHaveLength(1);
    expect(correlations(run(temporal, [ok(0, 'a'), fail(1, 'b')]).alerts)).toHaveLength(0);
    expect(correlations(run(temporal, [ok(0, 'a'), fail(9, 'a')]).alerts)).toHaveLength(0);
  });

  it('temporal_ordered: the rules in the order written', () => {
    const ordered = temporal.replace('type: temporal', 'type: temporal_ordered');
    expect(correlations(run(ordered, [fail(0, 'a'), fail(1, 'a'), ok(2, 'a')]).alerts)).toHaveLength(1);
    expect(correlations(run(ordered, [ok(0, 'a'), fail(1, 'a')]).alerts)).toHaveLength(0);
    expect(correlations(run(ordered, [fail(0, 'a'), ok(9, 'a')]).alerts)).toHaveLength(0);
  });

  it('aliases group different fields of different rules', () => {
    const aliased = `title: Same address
correlation:
  type: temporal
  rules: [failed_logon, successful_logon]
  group-by: [addr]
  timespan: 5m
  aliases:
    addr: { failed_logon: IpAddress, successful_logon: WorkstationName }
`;
    const success = { ...ok(1, 'x'), WorkstationName: '10.9.9.9' };
    expect(correlations(run(aliased, [fail(0, 'a', '10.9.9.9'), success]).alerts)[0]?.correlation?.group).toEqual({ addr: '10.9.9.9' });
    expect(correlations(run(aliased, [fail(0, 'a', '10.1.1.1'), success]).alerts)).toHaveLength(0);
  });
});

describe('chained correlations', () => {
  it('a correlation can use the alerts of another one', () => {
    const chain = `title: Many failed logons
name: many_failed
correlation: { type: event_count, rules: [failed_logon], group-by: [TargetUserName], timespan: 10m, condition: { gte: 2 } }
---
title: Brute force then success
correlation: { type: temporal_ordered, rules: [many_failed, successful_logon], group-by: [TargetUserName], timespan: 10m }
`;
    const { alerts, problems } = run(chain, [fail(0, 'a'), fail(1, 'a'), ok(2, 'a'), ok(3, 'b')]);
    expect(problems).toEqual([]);
    expect(correlations(alerts).map((a) => a.title)).toEqual(['Many failed logons', 'Brute force then success']);
  });
});

describe('bounds', () => {
  it('keeps as many matches per group as the condition needs, whatever maxEntries says', () => {
    const { engine } = compileRules([{ file: 'c.yml', text: `${BASE}---\ntitle: Five failures\ncorrelation: { type: event_count, rules: [failed_logon], group-by: [TargetUserName], timespan: 10m, condition: { gte: 5 } }\n` }]);
    const detector = new Detector(engine, { maxEntries: 2 });
    const alerts = [0, 1, 2, 3, 4].flatMap((minute) => detector.push(fail(minute, 'alice')));
    expect(correlations(alerts).map((a) => a.correlation?.count)).toEqual([5]);
  });

  it('drops the oldest group beyond maxGroups', () => {
    const { engine } = compileRules([{ file: 'c.yml', text: `${BASE}---\ntitle: Two failures\ncorrelation: { type: event_count, rules: [failed_logon], group-by: [TargetUserName], timespan: 10m, condition: { gte: 2 } }\n` }]);
    const events = [fail(0, 'alice'), fail(1, 'bob'), fail(2, 'alice'), fail(3, 'bob')];
    const fired = (maxGroups: number) => {
      const detector = new Detector(engine, { maxGroups });
      return correlations(events.flatMap((e) => detector.push(e))).map((a) => a.correlation?.group['TargetUserName']);
    };
    expect(fired(2)).toEqual(['alice', 'bob']);
    expect(fired(1)).toEqual([]); // each new group pushed the other out before its second failure
  });
});

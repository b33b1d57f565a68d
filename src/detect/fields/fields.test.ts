import { describe, expect, it } from 'vitest';
import { compileRules } from '../engine/compile-rules.js';
import { eventTime, parseTime, timePart } from './event-time.js';
import { mergeLogsourceTables, parseLogsourceTable, resolveLogsource, WINDOWS_LOGSOURCES } from './logsource-table.js';
import { normaliseEvent } from './normalise-event.js';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

function rule(logsource: string, selection: string): string {
  return `title: T\nid: r1\nlogsource: ${logsource}\ndetection:\n  sel: ${selection}\n  condition: sel\n`;
}

function fires(text: string, event: Record<string, unknown>): boolean {
  const { engine, problems } = compileRules([{ file: 'r.yml', text }]);
  expect(problems).toEqual([]);
  return engine.evaluate(event).length > 0;
}

describe('logsource mapping', () => {
  const proc = rule('{ product: windows, category: process_creation }', "{ Image|endswith: '\\cmd.exe' }");

  it('process_creation is Sysmon event 1 or Security 4688 (Image read from NewProcessName)', () => {
    expect(fires(proc, { Channel: SYSMON, EventID: 1, Image: 'C:\\x\\cmd.exe' })).toBe(true);
    expect(fires(proc, { Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\x\\cmd.exe' })).toBe(true);
    expect(fires(proc, { Channel: SYSMON, EventID: 3, Image: 'C:\\x\\cmd.exe' })).toBe(false);
    expect(fires(proc, { Channel: 'System', EventID: 1, Image: 'C:\\x\\cmd.exe' })).toBe(false);
  });

  it('compares channels case-insensitively and accepts event ids as text', () => {
    const sec = rule('{ product: windows, service: security }', '{ EventID: 4624 }');
    expect(fires(sec, { Channel: 'security', EventID: 4624 })).toBe(true);
    expect(fires(proc, { Channel: SYSMON.toUpperCase(), EventID: '1', Image: 'cmd.exe\\cmd.exe' })).toBe(true);
  });

  it('checks the extra conditions of a source (registry_delete is Sysmon 12 with EventType DeleteKey/DeleteValue)', () => {
    const del = rule('{ product: windows, category: registry_delete }', "{ TargetObject|contains: 'Run' }");
    expect(fires(del, { Channel: SYSMON, EventID: 12, EventType: 'DeleteValue', TargetObject: 'HKLM\\Run' })).toBe(true);
    expect(fires(del, { Channel: SYSMON, EventID: 12, EventType: 'CreateKey', TargetObject: 'HKLM\\Run' })).toBe(false);
  });

  it('resolves category + service as the intersection, and unknown sources as unmapped', () => {
    expect(resolveLogsource(WINDOWS_LOGSOURCES, { product: 'windows', category: 'process_creation', service: 'sysmon' })).toEqual([
      { channel: [SYSMON], eventId: [1], conditions: {}, fallbacks: {} },
    ]);
    expect(resolveLogsource(WINDOWS_LOGSOURCES, { product: 'linux', category: 'process_creation' })).toBeUndefined();
  });

  it('is extended by a user table', () => {
    const mine = parseLogsourceTable({ version: 1, sources: [{ product: 'zeek', service: 'dns', when: [{ conditions: { _path: ['dns'] } }] }] });
    const table = mergeLogsourceTables(WINDOWS_LOGSOURCES, mine);
    const { engine } = compileRules([{ file: 'z.yml', text: rule('{ product: zeek, service: dns }', "{ query|endswith: '.onion' }") }], { logsources: table });
    expect(engine.evaluate({ _path: 'dns', query: 'abc.onion' })).toHaveLength(1);
    expect(engine.evaluate({ _path: 'conn', query: 'abc.onion' })).toHaveLength(0);
  });

  it('rejects a malformed table naming the field', () => {
    expect(() => parseLogsourceTable({ version: 1, sources: [{ product: 'x', when: [{ eventId: ['1'] }] }] }, 'my.json')).toThrow(/my.json/);
  });

  it('runs rules of unknown sources only on events whose source the caller declares', () => {
    const { engine } = compileRules([{ file: 'l.yml', text: rule('{ product: linux, service: auditd }', '{ type: EXECVE }') }]);
    expect(engine.evaluate({ type: 'EXECVE' })).toHaveLength(0);
    expect(engine.evaluate({ type: 'EXECVE' }, { product: 'linux', service: 'auditd' })).toHaveLength(1);
    expect(engine.stats().unmapped).toBe(1);
  });
});

describe('normaliseEvent', () => {
  it('flattens evtx_dump events: System attributes joined with _, EventData and UserData at the top', () => {
    const event = {
      Event: {
        '#attributes': { xmlns: 'x' },
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '{G}' } },
          EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 7045 },
          TimeCreated: { '#attributes': { SystemTime: '2024-01-01T00:00:00Z' } },
          Channel: 'System',
        },
        EventData: { '#attributes': { Name: 'X' }, ServiceName: 'svc', 'Threat Name': 'EICAR' },
        UserData: { Op: { '#attributes': { xmlns: 'y' }, Operation: 'clear' } },
      },
    };
    expect(normaliseEvent(event)).toEqual({
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Provider_Guid: '{G}',
      EventID_Qualifiers: 16384,
      EventID: 7045,
      TimeCreated_SystemTime: '2024-01-01T00:00:00Z',
      Channel: 'System',
      ServiceName: 'svc',
      'Threat Name': 'EICAR',
      ThreatName: 'EICAR',
      Operation: 'clear',
    });
  });

  it('keeps flat events as they are and rejects non-objects', () => {
    const flat = { Channel: 'Security', EventID: 4624 };
    expect(normaliseEvent(flat)).toBe(flat);
    expect(normaliseEvent('x')).toBeUndefined();
    expect(normaliseEvent([1])).toBeUndefined();
  });
});

describe('event time', () => {
  it('reads ISO and space-separated timestamps as UTC, and epoch numbers', () => {
    expect(parseTime('2020-10-18 03:38:05.959')).toBe(Date.UTC(2020, 9, 18, 3, 38, 5, 959));
    expect(parseTime('2020-10-18T03:38:05+02:00')).toBe(Date.UTC(2020, 9, 18, 1, 38, 5));
    expect(parseTime(1_600_000_000)).toBe(1_600_000_000_000);
    expect(parseTime('yesterday')).toBeUndefined();
    expect(eventTime({ UtcTime: '2024-01-01 10:00:00.000' })).toBe(Date.UTC(2024, 0, 1, 10));
    expect(timePart(Date.UTC(2021, 0, 3), 'week')).toBe(53);
  });
});

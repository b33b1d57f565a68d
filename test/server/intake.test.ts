/**
 * Events sent to the server are evaluated by the detection engine (the project's own rules); matches become
 * alerts that keep the rule's author, related alerts group into one incident that records awareness, and
 * entity-scoped users see only their alerts.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const sysmon = (computer: string, image: string, commandLine: string, utc = '2021-06-01 22:40:00.000') => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  EventID: 1,
  Image: image,
  CommandLine: commandLine,
  Computer: computer,
  UtcTime: utc,
});
const VSS = ['C:\\Windows\\System32\\vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet'] as const;
const REGSVR = ['C:\\Windows\\SysWOW64\\regsvr32.exe', 'regsvr32.exe /s C:\\Users\\kai\\AppData\\Roaming\\Xyz\\lib.dll'] as const;

interface Ingest {
  events: number;
  matches: number;
  alerts: number;
  incidents: { id: string; opened: boolean; alerts: number }[];
  skipped: { line: number; reason: string }[];
}

describe('intake', () => {
  it('opens one incident for related alerts, with awareness, severity and the rule authors', async () => {
    const res = await h.as('responder', 'POST', '/api/intake/events', {
      events: [sysmon('UK-WS01.example.local', ...REGSVR), sysmon('uk-app01', ...VSS, '2021-06-01 22:55:00.000'), sysmon('uk-ws01', 'C:\\Windows\\notepad.exe', 'notepad.exe')],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<Ingest>();
    expect(result).toMatchObject({ events: 3, matches: 2, alerts: 2 });
    expect(result.incidents).toEqual([{ id: expect.stringMatching(/^INC-/), opened: true, alerts: 2 }]);
    const view = (await h.as('admin', 'GET', `/api/incidents/${result.incidents[0]?.id}`)).json<{
      summary: { severity: string; entities: string[]; title: string };
      awareness: { source: string };
      timeline: { type: string; description: string; actor: string }[];
    }>();
    expect(view.summary).toMatchObject({ severity: 'critical', entities: ['uk-ltd'] });
    expect(view.summary.title).toMatch(/Shadow Copies Deleted .* on uk-app01 and 1 more host/);
    const alerts = view.timeline.filter((e) => e.type === 'alert.raised');
    expect(alerts).toHaveLength(2);
    expect(alerts.every((a) => a.actor === 'system:detect' && a.description.includes('rule by Firebreak project'))).toBe(true);
  });

  it('opens a separate incident for an unrelated host, and joins later alerts to the right one', async () => {
    const first = (await h.as('responder', 'POST', '/api/intake/events', { events: [sysmon('jp-fs01', ...VSS)] })).json<Ingest>();
    expect(first.incidents).toEqual([{ id: expect.any(String), opened: true, alerts: 1 }]);
    const again = (await h.as('responder', 'POST', '/api/intake/events', { events: [sysmon('jp-fs01', ...REGSVR, '2021-06-01 23:10:00.000')] })).json<Ingest>();
    expect(again.incidents).toEqual([{ id: first.incidents[0]?.id, opened: false, alerts: 1 }]);
  });

  it('takes JSON lines with gzip, naming and skipping a bad line', async () => {
    const lines = [JSON.stringify(sysmon('jp-ws01', ...REGSVR)), '{"EventID": 1, "Image":', JSON.stringify(sysmon('jp-ws01', 'C:\\x.exe', 'x'))].join('\n');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/intake/events',
      headers: { authorization: `Bearer ${h.tokens.responder}`, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
      payload: gzipSync(lines),
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<Ingest>();
    expect(result).toMatchObject({ events: 2, matches: 1 });
    expect(result.skipped).toEqual([{ line: 2, reason: expect.any(String) }]);
    const damaged = await h.app.inject({
      method: 'POST',
      url: '/api/intake/events',
      headers: { authorization: `Bearer ${h.tokens.responder}`, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
      payload: gzipSync(lines).subarray(0, 20),
    });
    expect(damaged.statusCode).toBe(400);
  });

  it('takes alerts from another tool through a field mapping', async () => {
    const res = await h.as('responder', 'POST', '/api/intake/alerts', {
      tool: 'ExampleEDR',
      mapping: { id: 'alertId', title: 'name', level: 'sev', host: 'device.hostname', time: 'ts', author: 'vendor', tags: 'mitre' },
      alerts: [{ alertId: 'a-1', name: 'Cobalt Strike beacon', sev: 9, device: { hostname: 'DE-NOPE-01' }, ts: '2021-06-02T01:00:00Z', mitre: ['attack.t1071.001'] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json<Ingest>().incidents[0];
    const view = (await h.as('admin', 'GET', `/api/incidents/${created?.id}`)).json<{ summary: { severity: string }; timeline: { description: string }[] }>();
    expect(view.summary.severity).toBe('critical');
    expect(view.timeline.some((e) => e.description.includes('Cobalt Strike beacon') && e.description.includes('T1071.001'))).toBe(true);
  });

  it('hunts uploaded files without recording anything', async () => {
    const before = (await h.as('admin', 'GET', '/api/alerts')).json<{ total: number }>().total;
    const content = [JSON.stringify(sysmon('uk-ws01', ...VSS)), 'oops', JSON.stringify(sysmon('uk-ws01', ...REGSVR))].join('\n');
    const res = await h.as('viewer', 'POST', '/api/hunt', { files: [{ name: 'events.jsonl.gz', content: gzipSync(content).toString('base64'), encoding: 'base64' }] });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<{ events: number; total: number; byRule: { author: string }[]; skipped: { file: string; line: number }[] }>();
    expect(result).toMatchObject({ events: 2, total: 2 });
    expect(result.byRule.every((r) => r.author === 'Firebreak project')).toBe(true);
    expect(result.skipped).toEqual([expect.objectContaining({ file: 'events.jsonl.gz', line: 2 })]);
    expect((await h.as('admin', 'GET', '/api/alerts')).json<{ total: number }>().total).toBe(before);
  });

  it('lists alerts newest first, trimmed to the caller’s incidents', async () => {
    const all = (await h.as('admin', 'GET', '/api/alerts?limit=100')).json<{ total: number; items: { payload: { entity: string | null } }[] }>();
    expect(all.total).toBeGreaterThanOrEqual(6);
    const uk = (await h.as('entity_lead', 'GET', '/api/alerts?limit=100')).json<{ total: number; items: { payload: { entity: string | null } }[] }>();
    expect(uk.total).toBe(2);
    expect(uk.items.every((a) => a.payload.entity === 'uk-ltd')).toBe(true);
    const critical = (await h.as('admin', 'GET', '/api/alerts?level=critical&limit=100')).json<{ total: number; items: { payload: { rule: { level: string } } }[] }>();
    expect(critical.total).toBeGreaterThan(0);
    expect(critical.total).toBeLessThan(all.total);
    expect(critical.items.every((a) => a.payload.rule.level === 'critical')).toBe(true);
    expect((await h.as('viewer', 'POST', '/api/intake/events', { events: [] })).statusCode).toBe(403);
    const status = (await h.as('viewer', 'GET', '/api/detect/status')).json<{ stats: { rules: number }; problemCount: number }>();
    expect(status.stats.rules).toBeGreaterThanOrEqual(2);
    expect(status.problemCount).toBe(0);
  });
});

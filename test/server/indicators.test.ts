/**
 * Indicators of compromise at intake: sets uploaded through the API (STIX, MISP, CSV; stored, listed, replaced,
 * deleted, permissioned) and loaded at start from FIREBREAK_IOC; an event with a known-bad hash or address
 * opens an incident with an indicator alert that names the indicator's creator, type, field and value. Also
 * correlation rules at intake, and sets that survive a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { createContext } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { dropSchema, findDatabase, uniqueSchema } from '../support/postgres.js';
import { ADMIN_PASSWORD, SMALL_ESTATE, startHarness, type Harness } from './harness.js';

const QBOT_SHA256 = 'af89b5718829814ae1ecdee3ba558feed86834c4129c08ebf48946706b52f533';
const C2_IP = '198.51.100.23';

const bundle = (objects: unknown[]) => JSON.stringify({ type: 'bundle', id: 'bundle--7f0c1c9e-1b7d-4f43-9f25-3f0b8c5a1d10', objects });
const identity = { type: 'identity', spec_version: '2.1', id: 'identity--1c6f4e0a-3b2d-4c5e-9f8a-7b6c5d4e3f21', created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', name: 'Example CERT', identity_class: 'organization' };
const indicator = (id: string, pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--${id}`, created: '2024-03-01T00:00:00Z', modified: '2024-03-01T00:00:00Z',
  pattern, pattern_type: 'stix', valid_from: '2024-03-01T00:00:00Z', created_by_ref: identity.id, ...extra,
});
const QBOT_BUNDLE = bundle([
  identity,
  indicator('00000000-0000-4000-8000-0000000000a1', `[file:hashes.'SHA-256' = '${QBOT_SHA256.toUpperCase()}']`, { name: 'Qbot loader DLL', confidence: 85, labels: ['qbot'] }),
  indicator('00000000-0000-4000-8000-0000000000a2', `[ipv4-addr:value = '${C2_IP}']`, { name: 'Qbot C2 server' }),
]);

const imageLoad = (computer: string, hash: string) => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 7, Computer: computer, UtcTime: '2021-06-01 21:10:00.000',
  Image: 'C:\\Windows\\SysWOW64\\rundll32.exe', ImageLoaded: 'C:\\Users\\kai\\AppData\\Roaming\\Xyz\\lib.dll', Hashes: `MD5=00000000000000000000000000000000,SHA256=${hash}`,
});
const connection = (computer: string, ip: string) => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, Computer: computer, UtcTime: '2021-06-01 21:12:00.000', Image: 'C:\\Windows\\SysWOW64\\rundll32.exe', DestinationIp: ip, DestinationPort: 443,
});

interface Ingest {
  events: number;
  matches: number;
  indicators: number;
  correlations: number;
  alerts: number;
  incidents: { id: string; opened: boolean; alerts: number }[];
}
interface AlertPayload {
  source: string;
  host: string | null;
  entity: string | null;
  rule: { id: string; title: string; level: string; author: string };
  indicator?: { type: string; value: string; name?: string; field: string; fieldValue: string; set?: string; confidence?: number };
  correlation?: { type: string; count: number; events: number; rules: string[]; group: Record<string, string> };
  event: unknown;
}
interface View {
  summary: { severity: string; title: string; entities: string[] };
  timeline: { type: string; description: string }[];
}

describe('indicator sets at intake', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const alertsOf = async (incident: string) =>
    (await h.as('admin', 'GET', `/api/alerts?incident=${incident}&limit=100`)).json<{ items: { payload: AlertPayload }[] }>().items.map((i) => i.payload);

  it('stores an uploaded STIX bundle, and an event with its hash opens an incident with an indicator alert', async () => {
    const upload = await h.as('responder', 'POST', '/api/indicators', { name: 'qbot-2021', content: QBOT_BUNDLE, filename: 'qbot.stix.json', description: 'From the malware analysis' });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({ created: true, problems: [], set: { name: 'qbot-2021', origin: 'upload', format: 'stix', indicators: 2, byType: { sha256: 1, ipv4: 1 }, uploadedBy: 'rob' } });

    const res = await h.as('responder', 'POST', '/api/intake/events', { events: [imageLoad('JP-WS01.example.local', QBOT_SHA256.toUpperCase()), imageLoad('jp-ws01', 'ab'.repeat(32))] });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<Ingest>();
    expect(result).toMatchObject({ events: 2, indicators: 1, alerts: 1 });
    expect(result.incidents).toEqual([{ id: expect.stringMatching(/^INC-/), opened: true, alerts: 1 }]);
    const id = result.incidents[0]!.id;

    const [alert] = await alertsOf(id);
    expect(alert).toMatchObject({
      source: 'ioc',
      host: 'jp-ws01',
      entity: 'jp-hq',
      rule: { id: 'ioc:indicator--00000000-0000-4000-8000-0000000000a1', level: 'high', author: 'Example CERT' },
      indicator: { type: 'sha256', value: QBOT_SHA256, name: 'Qbot loader DLL', field: 'Hashes', set: 'qbot-2021', confidence: 85 },
    });
    expect(alert?.rule.title).toContain('Qbot loader DLL');
    const view = (await h.as('admin', 'GET', `/api/incidents/${id}`)).json<View>();
    expect(view.summary).toMatchObject({ severity: 'high', entities: ['jp-hq'] });
    expect(view.summary.title).toMatch(/Qbot loader DLL.* on jp-ws01/);
    expect(view.timeline.some((e) => e.type === 'alert.raised' && /indicator match on jp-ws01: .* in Hashes \(indicator by Example CERT\)/.test(e.description))).toBe(true);

    // A connection to the C2 address from the same host joins that incident.
    const again = (await h.as('responder', 'POST', '/api/intake/events', { events: [connection('jp-ws01', C2_IP)] })).json<Ingest>();
    expect(again.incidents).toEqual([{ id, opened: false, alerts: 1 }]);
    expect((await alertsOf(id)).find((a) => a.indicator?.type === 'ipv4')).toMatchObject({ indicator: { field: 'DestinationIp', fieldValue: C2_IP, name: 'Qbot C2 server' } });
  });

  it('lists the sets, counts them in the status, replaces one by name (gzip, with a level) and deletes it', async () => {
    const list = (await h.as('viewer', 'GET', '/api/indicators')).json<{ items: { name: string; indicators: number }[]; total: number }>();
    expect(list.items.map((s) => s.name)).toContain('qbot-2021');
    const status = (await h.as('viewer', 'GET', '/api/detect/status')).json<{ indicators: { sets: number; total: number; byType: Record<string, number> } }>();
    expect(status.indicators).toMatchObject({ sets: 1, total: 2, byType: { sha256: 1, ipv4: 1 } });

    const csv = gzipSync(`type,value,description,source\nipv4,${C2_IP},C2,Partner ISAC\n`).toString('base64');
    const replaced = await h.as('commander', 'POST', '/api/indicators', { name: 'qbot-2021', content: csv, encoding: 'base64', format: 'csv', level: 'critical' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ created: false, set: { format: 'csv', indicators: 1, level: 'critical', uploadedBy: 'cora' } });
    const hit = (await h.as('responder', 'POST', '/api/intake/events', { events: [connection('uk-ws01', C2_IP), imageLoad('uk-ws01', QBOT_SHA256)] })).json<Ingest>();
    expect(hit).toMatchObject({ indicators: 1 });
    const [alert] = await alertsOf(hit.incidents[0]!.id);
    expect(alert).toMatchObject({ rule: { level: 'critical', author: 'Partner ISAC' }, entity: 'uk-ltd' });

    expect((await h.as('entity_lead', 'DELETE', '/api/indicators/qbot-2021')).statusCode).toBe(403);
    expect((await h.as('admin', 'DELETE', '/api/indicators/qbot-2021')).statusCode).toBe(204);
    expect((await h.as('responder', 'POST', '/api/intake/events', { events: [connection('uk-ws01', C2_IP)] })).json<Ingest>()).toMatchObject({ indicators: 0, alerts: 0 });
    const missing = await h.as('admin', 'DELETE', '/api/indicators/qbot-2021');
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a set in which nothing can be read, naming the field and how to fix it', async () => {
    const badPattern = bundle([indicator('00000000-0000-4000-8000-0000000000b1', "[file:hashes.'SHA-256' = 'abc' AND")]);
    const res = await h.as('responder', 'POST', '/api/indicators', { name: 'broken', content: badPattern, filename: 'broken.json' });
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; message: string; issues: { field?: string; message: string; hint?: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/broken\.json: no indicator could be read; nothing was stored: objects\[0\]\.pattern: /);
    expect(body.error.issues[0]).toMatchObject({ field: 'objects[0].pattern', hint: expect.any(String) });

    const notJson = await h.as('responder', 'POST', '/api/indicators', { name: 'broken', content: '{"type": "bundle", "objects": [', format: 'stix' });
    expect(notJson.statusCode).toBe(422);
    expect(notJson.json<{ error: { issues: { message: string; hint?: string }[] } }>().error.issues[0]).toMatchObject({ message: expect.stringMatching(/^not JSON/), hint: expect.stringMatching(/STIX 2\.1 bundle/) });

    const csv = 'type,value\nsha256,not-a-hash\nipv4,203.0.113.5\n';
    const strict = await h.as('responder', 'POST', '/api/indicators', { name: 'partly', content: csv, filename: 'partly.csv', strict: true });
    expect(strict.statusCode).toBe(422);
    expect(strict.json<{ error: { issues: { line?: number; field?: string }[] } }>().error.issues[0]).toMatchObject({ line: 2, field: 'value' });
    const lenient = await h.as('responder', 'POST', '/api/indicators', { name: 'partly', content: csv, filename: 'partly.csv' });
    expect(lenient.statusCode).toBe(201);
    expect(lenient.json()).toMatchObject({ set: { indicators: 1, problemCount: 1 }, problems: [{ line: 2, field: 'value' }] });

    const badName = await h.as('responder', 'POST', '/api/indicators', { name: '../etc', content: csv });
    expect(badName.statusCode).toBe(400);
    expect(badName.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field).toBe('body.name');
    const damaged = await h.as('responder', 'POST', '/api/indicators', { name: 'gz', content: gzipSync(csv).subarray(0, 12).toString('base64'), encoding: 'base64' });
    expect(damaged.statusCode).toBe(400);
  });

  it('hunts uploaded event files with uploaded indicator files, recording nothing', async () => {
    const events = [imageLoad('uk-ws01', QBOT_SHA256), connection('uk-ws01', '203.0.113.200')].map((e) => JSON.stringify(e)).join('\n');
    const res = await h.as('viewer', 'POST', '/api/hunt', {
      files: [{ name: 'events.jsonl', content: events }],
      indicators: [{ name: 'qbot.json', content: QBOT_BUNDLE }, { name: 'list.csv', content: 'type,value\nipv4,203.0.113.200\nsha256,nope\n' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<{ total: number; byRule: { id: string; author: string }[]; matches: AlertPayload[]; indicators: { uploaded: number; problems: { file: string; line: number }[] } }>();
    expect(result.indicators).toMatchObject({ uploaded: 3, problems: [{ file: 'list.csv', line: 3 }] });
    expect(result.matches.filter((m) => m.source === 'ioc').map((m) => m.indicator?.type).sort()).toEqual(['ipv4', 'sha256']);
    expect(result.byRule.find((r) => r.id === 'ioc:indicator--00000000-0000-4000-8000-0000000000a1')?.author).toBe('Example CERT');
  });
});

describe('configured indicator sets, correlations at intake, and a restart', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let token: string;
  const env = () => ({
    FIREBREAK_DATA: dir,
    FIREBREAK_DEMO: 'false',
    FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    FIREBREAK_RULES: 'content/rules,test/fixtures/correlation/rules',
    FIREBREAK_IOC: 'test/fixtures/ioc/indicators.csv',
  });

  async function start(first: boolean): Promise<void> {
    store = await openStore({ dataDir: path.join(dir, 'db') });
    const ctx = createContext(store, loadConfig(env()));
    await bootstrap(ctx);
    await ctx.detection.load();
    if (first) await ctx.estate.importText(SMALL_ESTATE, 'small-estate.yaml', 'yaml', false);
    app = await buildApp(ctx);
    token = (await app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: 'admin', password: ADMIN_PASSWORD } })).json<{ token: string }>().token;
  }
  async function stop(): Promise<void> {
    await app.close();
    await store.close();
  }
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-ioc-'));
    await start(true);
  });
  afterAll(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads FIREBREAK_IOC at start as a read-only set and matches it', async () => {
    const list = (await call('GET', '/api/indicators')).json<{ items: { name: string; origin: string; source: string; indicators: number; problemCount: number }[] }>();
    expect(list.items).toEqual([expect.objectContaining({ name: 'indicators.csv', origin: 'config', indicators: 8, problemCount: 4 })]);
    expect((await call('DELETE', '/api/indicators/indicators.csv')).statusCode).toBe(409);
    const taken = await call('POST', '/api/indicators', { name: 'indicators.csv', content: 'type,value\nipv4,203.0.113.5\n' });
    expect(taken.statusCode).toBe(409);
    const rclone = { ...connection('jp-fs01', '10.66.4.20'), Image: 'C:\\Users\\Public\\rclone.exe' };
    const result = (await call('POST', '/api/intake/events', { events: [rclone] })).json<Ingest>();
    expect(result).toMatchObject({ indicators: 2, alerts: 2 });
    expect(result.incidents).toHaveLength(1);
  });

  it('runs correlation rules at intake: the correlation alerts with the events that formed it', async () => {
    const lines = (await import('node:fs/promises')).readFile('test/fixtures/correlation/logons.jsonl', 'utf8');
    const events = (await lines).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    // In two batches: the correlation state is kept between requests.
    const first = (await call('POST', '/api/intake/events', { events: events.slice(0, 2) })).json<Ingest>();
    expect(first).toMatchObject({ correlations: 0, alerts: 0 });
    const second = (await call('POST', '/api/intake/events', { events: events.slice(2) })).json<Ingest>();
    expect(second).toMatchObject({ correlations: 2, alerts: 2 });
    // jp-dc01 shares its segment with jp-fs01: the alerts join the incident the indicator hits opened there.
    expect(second.incidents).toEqual([{ id: expect.any(String), opened: false, alerts: 2 }]);
    const alerts = (await call('GET', `/api/alerts?incident=${second.incidents[0]!.id}`)).json<{ items: { payload: AlertPayload }[] }>().items.map((i) => i.payload);
    const guessing = alerts.find((a) => a.correlation?.type === 'event_count');
    expect(guessing).toMatchObject({
      source: 'sigma',
      host: 'jp-dc01',
      rule: { id: '9b2f4c6d-1e3a-4b5c-8d7e-0f1a2b3c4d5e', title: 'Password Guessing Against One Account (fixture)', level: 'high', author: 'Firebreak test fixture' },
      correlation: { count: 3, events: 3, rules: ['6c1b0f8e-2f3a-4d7c-9a51-0b7c2d9e4f10'], group: { TargetUserName: 'svc-backup' } },
    });
    expect(guessing?.event).toHaveLength(3);
    const view = (await call('GET', `/api/incidents/${second.incidents[0]!.id}`)).json<View>();
    expect(view.summary.severity).toBe('critical');
    expect(view.timeline.some((e) => /correlation on jp-dc01: Password Guessing .* from 3 events/.test(e.description))).toBe(true);
  });

  it('keeps uploaded sets across a restart', async () => {
    expect((await call('POST', '/api/indicators', { name: 'kept', content: `type,value\nipv4,${C2_IP}\n` })).statusCode).toBe(201);
    await stop();
    await start(false);
    const list = (await call('GET', '/api/indicators')).json<{ items: { name: string; origin: string }[] }>();
    expect(list.items.map((s) => `${s.origin}:${s.name}`)).toEqual(['config:indicators.csv', 'upload:kept']);
    expect((await call('POST', '/api/intake/events', { events: [connection('uk-app01', C2_IP)] })).json<Ingest>()).toMatchObject({ indicators: 1 });
  });
});

describe('indicator sets on two nodes sharing PostgreSQL', () => {
  it('matches on one node a set uploaded through the other, and forgets it when deleted there', async () => {
    const databaseUrl = await findDatabase();
    const schema = uniqueSchema('firebreak_test_ioc');
    const stores = [await openStore({ databaseUrl, schema }), await openStore({ databaseUrl, schema })];
    try {
      const config = loadConfig({ FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD });
      const [a, b] = stores.map((store) => createContext(store, config).detection.indicators);
      const upload = { name: 'shared', content: `type,value,source\nipv4,${C2_IP},Node A analyst\n`, encoding: 'utf8' as const, includeNonIds: false, strict: false };
      expect((await a!.upload('rob', upload)).created).toBe(true);
      const onB = await b!.current();
      expect(onB.index.lookup('ip', C2_IP, Date.now()).map((i) => i.origin.author)).toEqual(['Node A analyst']);
      expect((await b!.list()).map((set) => set.uploadedBy)).toEqual(['rob']);
      await b!.remove('shared');
      expect((await a!.current()).index.size).toBe(0);
    } finally {
      for (const store of stores) await store.close();
      await dropSchema(databaseUrl, schema);
    }
  });
});

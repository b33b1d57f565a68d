/**
 * The CLI against a real server on PostgreSQL: logging in, importing a bad estate (every mistake reported with
 * its line, nothing written), working an incident, and `audit verify` catching an event changed directly in
 * the database.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/cli/client.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { SMALL_ESTATE } from '../server/harness.js';
import { dropSchema, findDatabase, uniqueSchema, withClient } from '../support/postgres.js';

const PASSWORD = 'cli-test-password-123';
const schema = uniqueSchema('firebreak_cli');
let databaseUrl: string;
let server: RunningServer;
let home: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const output: Output = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const env = { XDG_CONFIG_HOME: home, FIREBREAK_URL: server.url, FIREBREAK_PASSWORD: PASSWORD };
  const code = await main(['node', 'firebreak', ...args], output, env);
  return { code, out, err };
}

beforeAll(async () => {
  databaseUrl = await findDatabase();
  home = await mkdtemp(path.join(os.tmpdir(), 'firebreak-cli-'));
  const config = loadConfig({ DATABASE_URL: databaseUrl, FIREBREAK_DB_SCHEMA: schema, FIREBREAK_PORT: '0', FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: PASSWORD, FIREBREAK_LOG_LEVEL: 'silent' });
  server = await startServer(config);
});

afterAll(async () => {
  await server?.close();
  if (databaseUrl) await dropSchema(databaseUrl, schema);
  if (home) await rm(home, { recursive: true, force: true });
});

describe('firebreak CLI', () => {
  it('logs in, imports an estate and shows it', async () => {
    expect((await run('estate', 'summary')).code).toBe(1);
    const login = await run('login', '--username', 'admin');
    expect(login.code, login.err).toBe(0);
    const file = path.join(home, 'estate.yaml');
    await writeFile(file, SMALL_ESTATE);
    const dry = await run('import', 'estate', file, '--dry-run');
    expect(dry.out).toMatch(/checked \(nothing written\)/);
    const imported = await run('import', 'estate', file);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/5 hosts/);
    const again = await run('import', 'estate', file);
    expect(again.out).toMatch(/0 created/);
    const summary = await run('--json', 'estate', 'summary');
    expect(JSON.parse(summary.out)).toMatchObject({ hosts: 5, entities: 2, services: 2 });
    const hosts = await run('estate', 'hosts', '--entity', 'uk-ltd');
    expect(hosts.out).toMatch(/uk-app01/);
    expect(hosts.out).not.toMatch(/jp-fs01/);
    const blast = await run('estate', 'blast-radius', 'uk-ws01');
    expect(blast.code, blast.err).toBe(0);
    expect(blast.out).toMatch(/Blast radius of uk-ws01/);
    const impact = await run('estate', 'isolation-impact', '--entity', 'jp-hq');
    expect(impact.out).toMatch(/uk-orders/);
  });

  it('rejects an estate file with mistakes, naming each line and field, and writes nothing', async () => {
    const bad = path.join(home, 'bad.yaml');
    await writeFile(bad, SMALL_ESTATE.replace('ips: [10.40.0.21]', 'ips: [10.99.0.21]').replace('segment: uk-office }\nservices', 'segment: uk-offfice }\nservices').replace('criticality: low, entity: jp-hq', 'criticality: 5, entity: jp-hq'));
    const before = await run('--json', 'estate', 'summary');
    const result = await run('import', 'estate', bad);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/bad\.yaml: 3 problems found; nothing was imported/);
    expect(result.err).toMatch(/bad\.yaml:\d+:\d+ field `hosts\[0\]\.criticality`/);
    expect(result.err).toMatch(/bad\.yaml:\d+:\d+ field `hosts\[3\]\.ips\[0\]`.*10\.99\.0\.21/);
    expect(result.err).toMatch(/bad\.yaml:\d+:\d+ field `hosts\[4\]\.segment`.*uk-offfice/);
    expect((await run('--json', 'estate', 'summary')).out).toBe(before.out);
  });

  it('sends event files to the server, where detection opens an incident', async () => {
    const file = path.join(home, 'events.jsonl');
    const event = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\Windows\\System32\\vssadmin.exe', CommandLine: 'vssadmin delete shadows /all', Computer: 'jp-fs01' };
    await writeFile(file, `${JSON.stringify(event)}\nnot json\n`);
    const sent = await run('ingest', file);
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toMatch(/sent 1 events from 1 files \(1 skipped\): 1 matches, 1 alerts/);
    expect(sent.out).toMatch(/INC-\d+\s+opened\s+1/);
    expect(sent.err).toMatch(/events\.jsonl:2/);
  });

  it('writes the report of an incident with obligations and decisions as Markdown, JSON and PDF', async () => {
    const opened = JSON.parse((await run('--json', 'incidents', 'new', 'Report test', '--severity', 'high', '--entities', 'jp-hq,uk-ltd')).out) as { id: string };
    await run('incidents', 'scope', opened.id, 'host', 'jp-fs01', 'in_scope', '--evidence', 'ransom note');
    const { token } = await new ApiClient({ server: server.url }).post<{ token: string }>('/api/auth/token', { username: 'admin', password: PASSWORD });
    const api = new ApiClient({ server: server.url, token });
    await api.post(`/api/incidents/${opened.id}/records`, { type: 'decision.recorded', payload: { kind: 'ransom', decision: 'refuse to pay', rationale: 'restore from backups', approvers: ['CEO'] } });
    await api.post(`/api/incidents/${opened.id}/records`, { type: 'breach.determined', payload: { entity: 'uk-ltd', regime: 'uk-gdpr', decision: 'not_notifiable', reasoning: ['no personal data in scope'], by: 'DPO' } });

    const md = await run('report', opened.id);
    expect(md.code, md.err).toBe(0);
    for (const section of ['# INC-', '## Metrics', '## Scope by entity', '## Detections', '## Obligations', '## Decisions', '## Timeline']) expect(md.out).toContain(section);
    expect(md.out).toMatch(/\| ransom \| refuse to pay \|/);
    expect(md.out).toMatch(/uk-ltd \| .* \| not_required/);

    const json = JSON.parse((await run('report', opened.id, '--format', 'json')).out) as { incident: { id: string }; decisions: unknown[]; obligations: unknown[] };
    expect(json.incident.id).toBe(opened.id);
    expect(json.decisions).toHaveLength(1);
    expect(json.obligations.length).toBeGreaterThan(0);

    const pdfFile = path.join(home, 'report.pdf');
    const pdf = await run('report', opened.id, '--format', 'pdf', '--out', pdfFile);
    expect(pdf.code, pdf.err).toBe(0);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', pdfFile, '-']);
    expect(stdout).toContain(`${opened.id}: Report test`);
    expect(stdout).toContain('Obligations');
    expect(stdout).toContain('refuse to pay');
    expect((await run('report', opened.id, '--format', 'pdf')).code).toBe(1);
  });

  it('works an incident and verifies its log; a change made directly in the database is caught', async () => {
    const opened = await run('--json', 'incidents', 'new', 'Ransom note on jp-fs01', '--severity', 'critical', '--entities', 'jp-hq');
    expect(opened.code, opened.err).toBe(0);
    const id = (JSON.parse(opened.out) as { id: string }).id;
    expect((await run('incidents', 'note', id, 'Qbot loader found on jp-ws01')).code).toBe(0);
    expect((await run('incidents', 'scope', id, 'host', 'jp-fs01', 'in_scope', '--evidence', 'encrypted shares')).code).toBe(0);
    expect((await run('incidents', 'state', id, 'analyse', '--reason', 'triage')).code).toBe(0);
    const forbidden = await run('incidents', 'state', id, 'recover');
    expect(forbidden.code).toBe(1);
    expect(forbidden.err).toMatch(/contain/);
    const show = await run('incidents', 'show', id);
    expect(show.out).toMatch(/jp-fs01/);
    expect(show.out).toMatch(/analyse/);

    const ok = await run('audit', 'verify', id);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/all intact/);

    await withClient(databaseUrl, schema, (c) =>
      c.query(`update incident_events set payload = jsonb_set(payload, '{text}', '"nothing to see here"') where incident_id = $1 and type = 'note.added'`, [id]),
    );
    const broken = await run('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(new RegExp(`BROKEN\\s+${id}: first bad event seq 2 .*hash_mismatch`));

    // Removing the newest events leaves an intact-looking chain; the incident's head still gives it away.
    const other = JSON.parse((await run('--json', 'incidents', 'new', 'Second', '--severity', 'low', '--entities', 'uk-ltd')).out) as { id: string };
    await run('incidents', 'note', other.id, 'to be removed');
    await withClient(databaseUrl, schema, (c) => c.query(`delete from incident_events where incident_id = $1 and seq = 2`, [other.id]));
    const truncated = await run('audit', 'verify', other.id);
    expect(truncated.code).toBe(1);
    expect(truncated.out).toMatch(/head_mismatch/);
  });
});

/**
 * `firebreak notice` against a real server (PGlite in a temporary folder): draft a regulator notice with its
 * blanks listed, write it to a file, fill the blanks, have a second person approve it, record it as sent, and
 * see the filing; sending without approval and approving one's own regulator notice are refused with a hint.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/cli/client.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { SMALL_ESTATE } from '../server/harness.js';

const PASSWORD = 'notice-cli-password-123';
let server: RunningServer;
let home: string;
let incident: string;
let adminToken: string;
let coraToken: string;

async function run(token: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const output: Output = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await main(['node', 'firebreak', ...args], output, { XDG_CONFIG_HOME: home, FIREBREAK_URL: server.url, FIREBREAK_TOKEN: token });
  return { code, out, err };
}

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'firebreak-notice-cli-'));
  const config = loadConfig({ FIREBREAK_DATA: path.join(home, 'data'), FIREBREAK_PORT: '0', FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: PASSWORD, FIREBREAK_LOG_LEVEL: 'silent' });
  server = await startServer(config);
  adminToken = (await new ApiClient({ server: server.url }).post<{ token: string }>('/api/auth/token', { username: 'admin', password: PASSWORD })).token;
  const admin = new ApiClient({ server: server.url, token: adminToken });
  await admin.post('/api/estate/import', { content: SMALL_ESTATE, filename: 'estate.yaml' });
  await admin.post('/api/users', { username: 'cora', role: 'commander', entities: ['*'], password: PASSWORD });
  coraToken = (await new ApiClient({ server: server.url }).post<{ token: string }>('/api/auth/token', { username: 'cora', password: PASSWORD })).token;
  incident = (await admin.post<{ id: string }>('/api/incidents', { title: 'Ransomware at the UK office', severity: 'critical', entities: ['uk-ltd'] })).id;
  await admin.post(`/api/incidents/${incident}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'uk-app01', state: 'in_scope', evidence: 'ransom note' } });
});

afterAll(async () => {
  await server?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('firebreak notice', () => {
  it('lists the templates', async () => {
    const templates = await run(adminToken, 'notice', 'templates');
    expect(templates.code, templates.err).toBe(0);
    expect(templates.out).toMatch(/uk-gdpr-33-ico\s+regulator/);
  });

  it('drafts, refuses to send unapproved, needs a second person to approve, and records the sending', async () => {
    const file = path.join(home, 'ico.md');
    const drafted = await run(adminToken, 'notice', 'draft', incident, '--template', 'uk-gdpr-33-ico', '--entity', 'uk-ltd', '--out', file);
    expect(drafted.code, drafted.err).toBe(0);
    expect(drafted.out).toMatch(/drafted N-001: Personal data breach report to the Information Commissioner's Office/);
    expect(drafted.out).toMatch(/blanks to complete \(\d+\):\n {2}line \d+: the contact point/);

    const unapproved = await run(adminToken, 'notice', 'send', incident, 'N-001', '--channel', 'ICO web form');
    expect(unapproved.code).toBe(1);
    expect(unapproved.err).toMatch(/error \(409 conflict\): N-001 cannot be recorded as sent: its current text is not approved/);
    expect(unapproved.err).toMatch(/HINT: complete its blanks/);

    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/\[\[TO COMPLETE: [^\]]*\]\]/g, 'Not known yet; to follow.'));
    const edited = await run(adminToken, 'notice', 'edit', incident, 'N-001', '--file', file, '--reason', 'blanks completed');
    expect(edited.code, edited.err).toBe(0);
    expect(edited.out).not.toMatch(/blanks to complete/);

    const own = await run(adminToken, 'notice', 'approve', incident, 'N-001');
    expect(own.code).toBe(1);
    expect(own.err).toMatch(/four-eyes rule: admin wrote the text of N-001/);

    const approved = await run(coraToken, 'notice', 'approve', incident, 'N-001');
    expect(approved.code, approved.err).toBe(0);
    expect(approved.out).toMatch(/approved N-001 \(text [0-9a-f]{64}\) as cora/);

    const sent = await run(adminToken, 'notice', 'send', incident, 'N-001', '--channel', 'ICO web form', '--reference', 'ICO-77');
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toBe("recorded N-001 sent to Information Commissioner's Office (ICO) via ICO web form (ref ICO-77)\nfiled uk-gdpr-33 for uk-ltd\n");

    const list = await run(adminToken, 'notice', 'list', incident);
    expect(list.out).toMatch(/N-001\s+uk-ltd\s+.*sent\s+0\s+cora\s+\S+\s+ICO-77/);
    const report = await run(adminToken, 'report', incident);
    expect(report.out).toMatch(/\| N-001 \| uk-ltd \|.*\| sent \| cora \|.*\| ICO-77 \| uk-gdpr-33 \|/);
  });
});

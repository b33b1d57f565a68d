/**
 * `firebreak plan` against a real server (embedded PostgreSQL): suggestions, a region shutdown proposed by the
 * commander and approved by the commander and the region's lead, the list and one plan, and refusals with
 * their hints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/cli/client.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { SMALL_ESTATE } from '../server/harness.js';

const PASSWORD = 'plan-cli-password-123';
let server: RunningServer;
let dir: string;
let incident: string;
const tokens: Record<string, string> = {};

async function run(user: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const output: Output = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const env = { XDG_CONFIG_HOME: dir, FIREBREAK_URL: server.url, FIREBREAK_TOKEN: tokens[user] ?? '' };
  const code = await main(['node', 'firebreak', ...args], output, env);
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-plan-cli-'));
  const config = loadConfig({ FIREBREAK_DATA: dir, FIREBREAK_PORT: '0', FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: PASSWORD, FIREBREAK_LOG_LEVEL: 'silent' });
  server = await startServer(config);
  await server.ctx.estate.importText(SMALL_ESTATE, 'small-estate.yaml', 'yaml', false);
  const login = async (username: string) => (await new ApiClient({ server: server.url }).post<{ token: string }>('/api/auth/token', { username, password: PASSWORD })).token;
  tokens['admin'] = await login('admin');
  const admin = new ApiClient({ server: server.url, token: tokens['admin'] });
  for (const [username, role, entities] of [['cora', 'commander', ['*']], ['uk-lead', 'entity_lead', ['uk-ltd']]] as const) {
    await admin.post('/api/users', { username, role, entities, password: PASSWORD });
    tokens[username] = await login(username);
  }
  incident = (await admin.post<{ id: string }>('/api/incidents', { title: 'Ransomware in Tokyo', severity: 'critical', entities: ['jp-hq', 'uk-ltd'], commander: 'cora' })).id;
  await admin.post(`/api/incidents/${incident}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'jp-fs01', state: 'in_scope', evidence: 'ransom note' } });
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('firebreak plan', () => {
  it('suggests, proposes and approves a region shutdown with two people', async () => {
    const suggest = await run('cora', 'plan', 'suggest', incident);
    expect(suggest.code, suggest.err).toBe(0);
    expect(suggest.out).toMatch(/shutdown_region:emea\s+Shut down the/);
    const created = await run('cora', 'plan', 'create', incident, '--kind', 'shutdown_region', '--region', 'emea');
    expect(created.out.trim()).toBe('proposed P-0001 awaiting_approval: needs incident-commander (commander, or the incident commander) and region-lead (entity_lead covering all of emea)');
    expect((await run('cora', 'plan', 'approve', incident, 'P-0001')).out.trim()).toBe("P-0001 awaiting_approval: needs region-lead (entity_lead covering all of emea); cora's approval (incident-commander) counts once someone else approves");
    const approved = await run('uk-lead', 'plan', 'approve', incident, 'P-0001', '--comment', 'EMEA agrees');
    expect(approved.out.trim()).toBe('P-0001 running: approved (incident-commander: cora, region-lead: uk-lead)');
    const listed = await run('uk-lead', 'plan', 'list', incident);
    // The executor runs the plan at once (no agent is enrolled, so its actions fail): any started status.
    expect(listed.out).toMatch(/P-0001\s+(running|completed|failed)\s+shutdown_region/);
    const shown = await run('cora', 'plan', 'show', incident, 'P-0001');
    expect(shown.out).toContain('Approvals: approved (incident-commander: cora, region-lead: uk-lead)');
    expect(shown.out).toContain('isolate uk-app01 (uk-ltd)');
    expect(shown.out).toMatch(/Execution: 2 \w+/);
  });

  it('explains refusals', async () => {
    const nothing = await run('cora', 'plan', 'create', incident);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toMatch(/HINT: use --suggestion KEY/);
    const late = await run('uk-lead', 'plan', 'reject', incident, 'P-0001', '--reason', 'too late');
    expect(late.code).toBe(1);
    expect(late.err).toMatch(/error \(409 conflict\): P-0001 is (running|completed|failed)/);
    const json = await run('cora', '--json', 'plan', 'list', incident);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ planId: 'P-0001', status: expect.stringMatching(/^(running|completed|failed)$/) })]);
  });
});

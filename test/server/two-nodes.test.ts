/**
 * Two `firebreak serve` nodes sharing the real PostgreSQL and NATS of this machine: an incident event appended
 * through node B is streamed live to a follower connected to node A, and both nodes read the same state; agents
 * connected to node A carry out a containment plan approved through node B.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../../src/agent/simulate/index.js';
import { ApiClient } from '../../src/cli/client.js';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { dropSchema, findDatabase, uniqueSchema } from '../support/postgres.js';

const PASSWORD = 'two-nodes-password-1';
const NATS = process.env['FIREBREAK_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const schema = uniqueSchema('firebreak_nodes');
let databaseUrl: string;
let nodeA: RunningServer;
let nodeB: RunningServer;
let fleet: SimulatedFleet | undefined;

const LAB_ESTATE = `
version: 1
regions: [{ id: lab, name: Lab }]
entities: [{ id: lab-co, name: Lab Co, country: GB, region: lab }]
segments: [{ id: lab-net, name: Lab network, entity: lab-co, cidrs: [10.77.0.0/24] }]
hosts:
  - { hostname: lab-01, ips: [10.77.0.11], os: linux, role: workstation, entity: lab-co, segment: lab-net }
  - { hostname: lab-02, ips: [10.77.0.12], os: linux, role: workstation, entity: lab-co, segment: lab-net }
  - { hostname: lab-03, ips: [10.77.0.13], os: linux, role: workstation, entity: lab-co, segment: lab-net }
`;

beforeAll(async () => {
  databaseUrl = await findDatabase();
  const env = {
    DATABASE_URL: databaseUrl,
    FIREBREAK_DB_SCHEMA: schema,
    FIREBREAK_NATS_URL: NATS,
    FIREBREAK_NATS_PREFIX: `fbnodes${randomBytes(4).toString('hex')}`,
    FIREBREAK_PORT: '0',
    FIREBREAK_DEMO: 'false',
    FIREBREAK_ADMIN_PASSWORD: PASSWORD,
    FIREBREAK_LOG_LEVEL: 'silent',
  };
  nodeA = await startServer(loadConfig(env));
  nodeB = await startServer(loadConfig(env));
});

afterAll(async () => {
  await fleet?.close();
  await nodeA?.close();
  await nodeB?.close();
  if (databaseUrl) await dropSchema(databaseUrl, schema);
});

describe('two nodes on PostgreSQL and NATS', () => {
  it('streams an event appended through one node to a follower on the other', async () => {
    const login = await new ApiClient({ server: nodeB.url }).post<{ token: string }>('/api/auth/token', { username: 'admin', password: PASSWORD });
    const a = new ApiClient({ server: nodeA.url, token: login.token });
    const b = new ApiClient({ server: nodeB.url, token: login.token });
    const incident = await a.post<{ id: string }>('/api/incidents', { title: 'Seen from both nodes', severity: 'high' });

    const controller = new AbortController();
    const received = new Promise<{ seq: number; type: string }>((resolve, reject) => {
      a.stream(`/api/incidents/${incident.id}/stream`, (_event, data) => {
        controller.abort();
        resolve(data as { seq: number; type: string });
      }, controller.signal).catch((error: unknown) => (controller.signal.aborted ? undefined : reject(error as Error)));
    });
    await new Promise((r) => setTimeout(r, 300));
    await b.post(`/api/incidents/${incident.id}/events`, { type: 'note.added', payload: { text: 'appended on node B' } });
    expect(await received).toMatchObject({ seq: 2, type: 'note.added' });

    const viewA = await a.get<{ notes: { text: string }[] }>(`/api/incidents/${incident.id}`);
    expect(viewA.notes.map((n) => n.text)).toEqual(['appended on node B']);
  });

  it('carries out, through agents connected to node A, a plan approved through node B', async () => {
    const admin = await new ApiClient({ server: nodeB.url }).post<{ token: string }>('/api/auth/token', { username: 'admin', password: PASSWORD });
    const b = new ApiClient({ server: nodeB.url, token: admin.token });
    await b.post('/api/estate/import', { content: LAB_ESTATE, filename: 'lab.yaml' });
    await b.post('/api/users', { username: 'lab-lead', role: 'entity_lead', entities: ['lab-co'], password: 'lab-lead-password-1' });
    const lead = await new ApiClient({ server: nodeB.url }).post<{ token: string }>('/api/auth/token', { username: 'lab-lead', password: 'lab-lead-password-1' });
    const hosts = ['lab-01', 'lab-02', 'lab-03'];
    fleet = await startSimulatedFleet({ server: nodeA.url, adminToken: admin.token, hosts, behaviour: { latencyMs: 20 } });

    const incident = await b.post<{ id: string }>('/api/incidents', { title: 'Lab hosts hit', severity: 'high', entities: ['lab-co'] });
    const plan = await b.post<{ planId: string }>(`/api/incidents/${incident.id}/plans`, { kind: 'isolate_hosts', target: { hosts } });
    await new ApiClient({ server: nodeB.url, token: lead.token }).post(`/api/incidents/${incident.id}/plans/${plan.planId}/approve`, {});

    const deadline = Date.now() + 60_000;
    let detail = await b.get<{ status: string; execution: { total: number; byState: Record<string, number> } | null }>(`/api/incidents/${incident.id}/plans/${plan.planId}`);
    while (detail.status !== 'completed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      detail = await b.get(`/api/incidents/${incident.id}/plans/${plan.planId}`);
    }
    expect(detail.status).toBe('completed');
    expect(detail.execution?.byState['verified']).toBe(3);
    for (const host of hosts) expect(fleet.agent(host)?.host.isolation, host).not.toBeNull();
    expect(fleet.stats().rejected).toEqual({});
  }, 120_000);
});

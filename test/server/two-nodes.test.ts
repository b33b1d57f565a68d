/**
 * Two `firebreak serve` nodes sharing the real PostgreSQL and NATS of this machine: an incident event appended
 * through node B is streamed live to a follower connected to node A, and both nodes read the same state.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});

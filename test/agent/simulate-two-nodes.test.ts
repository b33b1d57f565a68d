/**
 * A fan-out across two server nodes sharing one database and one bus: half the simulated agents hold their
 * channel on node A, half on node B, and node B runs the connector. Node B sends to its own agents at once and
 * announces the others; node A claims and sends those. Every command is sent exactly once, in sequence order
 * (no agent refuses one), and every action ends verified.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../../src/agent/simulate/index.js';
import { MemoryBus } from '../../src/bus/index.js';
import { createAgentConnector } from '../../src/connectors/agent/index.js';
import type { ExecutableAction } from '../../src/respond/types.js';
import { AgentService, DEFAULT_AGENT_OPTIONS } from '../../src/server/agent.service.js';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { createContext } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';

const PASSWORD = 'two-nodes-fleet-password';
const HOSTS_A = Array.from({ length: 15 }, (_, i) => `na-${i}`);
const HOSTS_B = Array.from({ length: 15 }, (_, i) => `nb-${i}`);
let dir: string;
let store: Store;
const nodes: { app: FastifyInstance; ctx: AppContext; url: string }[] = [];
const fleets: SimulatedFleet[] = [];

async function node(name: string, bus: MemoryBus) {
  const config = loadConfig({ FIREBREAK_DATA: dir, FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: PASSWORD });
  const ctx = createContext(store, config, () => new Date(), bus);
  ctx.agents = new AgentService(store, bus, ctx.estate, ctx.now, { ...DEFAULT_AGENT_OPTIONS, nodeId: name });
  await bootstrap(ctx);
  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { app, ctx, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-fleet-nodes-'));
  store = await openStore({ dataDir: path.join(dir, 'db') });
  const bus = new MemoryBus();
  nodes.push(await node('node-a', bus), await node('node-b', bus));
  const login = await nodes[1]?.app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: 'admin', password: PASSWORD } });
  const adminToken = login?.json<{ token: string }>().token ?? '';
  const behaviour = { heartbeatMs: 500, latencyMs: [0, 10] as [number, number] };
  fleets.push(await startSimulatedFleet({ server: nodes[0]?.url ?? '', adminToken, hosts: HOSTS_A, behaviour }));
  fleets.push(await startSimulatedFleet({ server: nodes[1]?.url ?? '', adminToken, hosts: HOSTS_B, behaviour }));
}, 60_000);
afterAll(async () => {
  for (const fleet of fleets) await fleet.close();
  for (const n of nodes) await n.app.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('fan-out across two nodes', () => {
  it('isolates agents held by either node, each command sent once and accepted', async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error('nodes missing');
    expect([a.ctx.agents.hub.size, b.ctx.agents.hub.size]).toEqual([15, 15]);
    const connector = createAgentConnector({ port: b.ctx.agents });
    const actions: ExecutableAction[] = [...HOSTS_A, ...HOSTS_B].map((host, i) => ({
      incidentId: 'INC-0001', planId: 'p-two', direction: 'forward', operation: 'isolate', args: { allow: [] }, connector: 'agent',
      target: { kind: 'host', ref: host, entity: 'e' }, actionId: `a${i}`, key: `p-two/a${i}/forward/1`, attempt: 1,
    }));
    const outcomes = await connector.executeMany?.(actions, { now: () => new Date(), signal: new AbortController().signal, progress: () => undefined });
    expect(outcomes?.filter((o) => o.state === 'verified')).toHaveLength(30);
    for (const fleet of fleets) expect(fleet.stats()).toMatchObject({ isolated: 15, commands: { isolate: 15 }, rejected: {} });
    const again = await connector.executeMany?.(actions.slice(0, 3), { now: () => new Date(), signal: new AbortController().signal, progress: () => undefined });
    expect(again?.map((o) => o.state)).toEqual(['verified', 'verified', 'verified']);
    expect(fleets[0]?.stats().commands).toEqual({ isolate: 15 });
  });
});

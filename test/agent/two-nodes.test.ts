/**
 * Two server nodes sharing one database and one bus: the agent is connected to node A, the command is
 * requested through node B, node A sends it (exactly once) and node B sees it verified.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNft, fakeProber } from '../../src/agent/agent.testing.js';
import { enrol } from '../../src/agent/runtime/enrol.js';
import { AgentRunner, DEFAULT_AGENT_CONFIG } from '../../src/agent/runtime/runner.js';
import { StateFile } from '../../src/agent/runtime/state-file.js';
import { MemoryBus } from '../../src/bus/index.js';
import type { AgentCommandView } from '../../src/contracts/agents.js';
import { AgentService, DEFAULT_AGENT_OPTIONS } from '../../src/server/agent.service.js';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import { createContext } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { waitFor } from './support/wait.js';

const PASSWORD = 'two-nodes-password';
let dir: string;
let store: Store;
let nodeA: FastifyInstance;
let nodeB: FastifyInstance;
let runner: AgentRunner | undefined;
let token: string;

async function node(name: string, bus: MemoryBus): Promise<FastifyInstance> {
  const config = loadConfig({ FIREBREAK_DATA: dir, FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: PASSWORD });
  const ctx = createContext(store, config, () => new Date(), bus);
  ctx.agents = new AgentService(store, bus, ctx.estate, ctx.now, { ...DEFAULT_AGENT_OPTIONS, nodeId: name });
  await bootstrap(ctx);
  return buildApp(ctx);
}

async function call<T>(app: FastifyInstance, method: 'GET' | 'POST', url: string, body?: object): Promise<T> {
  const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-two-nodes-'));
  store = await openStore({ dataDir: path.join(dir, 'db') });
  const bus = new MemoryBus();
  nodeA = await node('node-a', bus);
  nodeB = await node('node-b', bus);
  await nodeA.listen({ host: '127.0.0.1', port: 0 });
  const login = await nodeB.inject({ method: 'POST', url: '/api/auth/token', payload: { username: 'admin', password: PASSWORD } });
  token = login.json<{ token: string }>().token;
});
afterAll(async () => {
  await runner?.stop();
  await nodeA.close();
  await nodeB.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('agent commands across two nodes', () => {
  it('sends a command requested on node B through node A, which holds the channel', async () => {
    const address = nodeA.server.address();
    const serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const created = await call<{ token: string }>(nodeB, 'POST', '/api/agents/enrolment-tokens', { host: 'lab-01' });
    const stateDir = path.join(dir, 'agent');
    const state = await enrol(new StateFile(stateDir), { serverUrl, token: created.token });
    const nft = new FakeNft();
    runner = await AgentRunner.start(
      { ...DEFAULT_AGENT_CONFIG, stateDir, heartbeatMs: 200 },
      { executor: nft, probe: fakeProber(nft, 'firebreak_isolation', () => []), resolve: (x) => Promise.resolve([x]), now: () => new Date(), log: () => undefined },
    );
    await waitFor('the agent on node A', async () => (await call<{ online: boolean }>(nodeB, 'GET', `/api/agents/${state.agentId}`)).online);
    const sent = await call<AgentCommandView>(nodeB, 'POST', `/api/agents/${state.agentId}/commands`, { type: 'ping' });
    expect(sent.reason).toBeNull();
    const done = await waitFor('the command verified, seen from node B', async () => {
      const page = await call<{ items: AgentCommandView[] }>(nodeB, 'GET', `/api/agents/${state.agentId}/commands`);
      return page.items.find((c) => c.id === sent.id && c.state === 'verified');
    });
    expect(done.history.map((h) => h.state)).toEqual(['requested', 'sent', 'verified']);
    expect(done.seq).toBe(1);
  });
});

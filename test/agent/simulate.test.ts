/**
 * A simulated fleet of 50 agents against a real server (HTTP and WebSocket on 127.0.0.1): bulk enrolment, one
 * socket each, every command checked by the agent's own gate, answers shaped like the real agent's, and the
 * faults a fleet can inject (a failing host, a host that drops off as a command arrives, a shutdown).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCommand } from '../../src/agent/protocol/signing.js';
import { startSimulatedFleet, type SimulatedFleet } from '../../src/agent/simulate/index.js';
import type { AgentView } from '../../src/contracts/agents.js';
import type { ActionOutcome, ConnectorContext, ExecutableAction } from '../../src/respond/types.js';
import { startHarness, type Harness } from '../server/harness.js';
import { waitFor } from './support/wait.js';

const HOSTS = Array.from({ length: 50 }, (_, i) => `sim-${String(i + 1).padStart(3, '0')}`);
const BAD_HASH = 'a'.repeat(64);
let h: Harness;
let fleet: SimulatedFleet;

function action(hostname: string, operation: string, args: Record<string, unknown> = {}, key = randomUUID()): ExecutableAction {
  return { incidentId: 'INC-0001', planId: 'p-sim', direction: 'forward', operation, args, connector: 'agent', target: { kind: 'host', ref: hostname, entity: 'jp-hq' }, actionId: `a-${hostname}`, key, attempt: 1 };
}

function context(): ConnectorContext & { progressed: string[] } {
  const progressed: string[] = [];
  return { now: () => new Date(), signal: new AbortController().signal, progress: (state, _e, key) => progressed.push(`${key ?? ''}:${state}`), progressed };
}

function run(actions: ExecutableAction[]): Promise<ActionOutcome[]> {
  const agent = h.ctx.connectors.get('agent');
  if (!agent?.executeMany) throw new Error('the agent connector is not registered');
  return agent.executeMany(actions, context());
}

beforeAll(async () => {
  h = await startHarness();
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  const server = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  fleet = await startSimulatedFleet({
    server,
    adminToken: h.tokens.admin,
    hosts: HOSTS,
    behaviour: {
      heartbeatMs: 200,
      latencyMs: [0, 20],
      reconnect: { baseMs: 50, capMs: 200 },
      infected: { hosts: ['sim-003'], indicators: { sha256: [BAD_HASH] } },
      faults: [
        { effect: 'fail', hosts: ['sim-004'], types: ['isolate'] },
        { effect: 'disconnect', hosts: ['sim-005'], types: ['ping'], offlineMs: 300, times: 1 },
      ],
    },
  });
}, 60_000);
afterAll(async () => {
  await fleet?.close();
  await h?.close();
});

describe('simulated fleet', () => {
  it('enrols every host through the API and holds one channel each', async () => {
    expect(fleet.agents).toHaveLength(50);
    await waitFor('50 channels on the server', () => h.ctx.agents.hub.size === 50);
    const listed = await waitFor('every agent online with its inventory', async () => {
      const res = await h.as('admin', 'GET', '/api/agents');
      const items = res.json<{ items: AgentView[] }>().items;
      return items.length === 50 && items.every((a) => a.online && a.version !== null) ? items : undefined;
    });
    expect(new Set(listed.map((a) => a.hostname))).toEqual(new Set(HOSTS));
  });

  it('enrols in batches, each enrolment on its own token: a used or unknown one is refused with a hint', async () => {
    const made = await h.as('admin', 'POST', '/api/agents/enrolment-tokens/batch', { hosts: ['batch-1', 'batch-2'], expires: '1h' });
    expect(made.statusCode).toBe(201);
    const [t1, t2] = made.json<{ items: { host: string; token: string }[] }>().items;
    expect((await h.as('viewer', 'POST', '/api/agents/enrolment-tokens/batch', { hosts: ['batch-3'] })).statusCode).toBe(403);
    expect((await h.as('admin', 'POST', '/api/agents/enrolment-tokens/batch', { hosts: ['dup', 'dup'] })).statusCode).toBe(400);
    const enrol = (token: string, hostname: string) => ({ token, hostname, os: 'linux', agentVersion: '0.1.0' });
    const first = await h.app.inject({ method: 'POST', url: '/api/agents/enrol/batch', payload: { enrolments: [enrol(t1?.token ?? '', 'ignored'), enrol('fbe_not-a-real-token', 'x')] } });
    expect(first.json()).toMatchObject({ results: [{ ok: true, enrolment: { hostname: 'batch-1' } }, { ok: false, error: { code: 'unauthenticated', hint: expect.stringContaining('token create') } }] });
    const again = await h.app.inject({ method: 'POST', url: '/api/agents/enrol/batch', payload: { enrolments: [enrol(t1?.token ?? '', 'batch-1'), enrol(t2?.token ?? '', 'batch-2')] } });
    expect(again.json<{ results: { ok: boolean }[] }>().results.map((r) => r.ok)).toEqual([false, true]);
  });

  it('isolates the fleet through the agent connector: verified with evidence, a failing host fails loudly', async () => {
    const outcomes = await run(HOSTS.map((host) => action(host, 'isolate')));
    const failed = outcomes.flatMap((o, i) => (o.state === 'failed' ? [HOSTS[i]] : []));
    expect(failed).toEqual(['sim-004']);
    expect(outcomes[3]).toMatchObject({ state: 'failed', retryable: false, error: { code: 'isolation_not_effective' } });
    expect(outcomes[0]).toMatchObject({ state: 'verified', evidence: { simulated: true, ruleset: { rulesetHash: expect.stringMatching(/^sha256:/) }, command: { seq: expect.any(Number) } } });
    const stats = fleet.stats();
    expect(stats).toMatchObject({ isolated: 50, effects: { isolate: 50 }, commands: { isolate: 50 }, rejected: {} });
  });

  it('sweeps: the infected host reports its findings, the others are clean', async () => {
    const outcomes = await run(HOSTS.slice(0, 4).map((host) => action(host, 'sweep', { sha256: [BAD_HASH, 'b'.repeat(64)] })));
    expect(outcomes.map((o) => o.evidence?.['clean'])).toEqual([true, true, false, true]);
    expect(outcomes[2]?.evidence?.['findings']).toEqual([expect.objectContaining({ kind: 'file', indicator: BAD_HASH })]);
  });

  it('refuses forged, replayed and expired commands with the agent gate', async () => {
    const target = fleet.agent('sim-010');
    if (!target) throw new Error('no sim-010');
    const key = await h.ctx.agents.signingKey();
    const now = new Date();
    const body = { v: 1 as const, id: randomUUID(), agentId: target.agentId, type: 'ping', args: {}, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString(), seq: 1_000_000, nonce: 'a-test-nonce-0123456789' };
    await h.ctx.agents.hub.send(target.agentId, { kind: 'command', command: signCommand(body, generateKeyPairSync('ed25519').privateKey) });
    const genuine = signCommand(body, key.privateKey);
    await h.ctx.agents.hub.send(target.agentId, { kind: 'command', command: genuine });
    await h.ctx.agents.hub.send(target.agentId, { kind: 'command', command: genuine });
    const expired = { ...body, id: randomUUID(), seq: 1_000_001, expiresAt: new Date(now.getTime() - 1000).toISOString() };
    await h.ctx.agents.hub.send(target.agentId, { kind: 'command', command: signCommand(expired, key.privateKey) });
    await waitFor('three refusals', () => Object.values(target.rejections).reduce((a, b) => a + b, 0) >= 3);
    expect(target.rejections).toEqual({ bad_signature: 1, replayed_id: 1, expired: 1 });
  });

  it('delivers the result of a host that dropped off as the command arrived once it reconnects', async () => {
    const [outcome] = await run([action('sim-005', 'ping')]);
    expect(outcome).toMatchObject({ state: 'verified', evidence: { pong: expect.any(String) } });
    expect(fleet.stats().faults).toMatchObject({ disconnect: 1 });
  });

  it('sends again, after a reconnection, a command whose delivery was lost with the old connection', async () => {
    const agent = fleet.agent('sim-020');
    if (!agent) throw new Error('no sim-020');
    const now = new Date();
    const lost = {
      id: randomUUID(), agentId: agent.agentId, seq: agent.state.current.replay.lastSeq + 5, type: 'ping', args: {}, state: 'sent' as const, reason: null, evidence: null,
      requestedBy: 'test', requestedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString(), deadlineAt: new Date(now.getTime() + 120_000).toISOString(),
      updatedAt: now.toISOString(), history: [{ state: 'requested' as const, at: now.toISOString() }, { state: 'sent' as const, at: now.toISOString() }],
    };
    await h.ctx.store.agents.createCommands([lost]);
    fleet.setOffline(['sim-020'], 50);
    const done = await waitFor('the lost command verified', async () => {
      const found = await h.ctx.store.agents.getCommand(lost.id);
      return found?.state === 'verified' ? found : undefined;
    });
    expect(done.history.map((x) => x.state)).toEqual(['requested', 'sent', 'requested', 'sent', 'verified']);
    expect(done.history[2]?.reason?.code).toBe('redelivery');
    expect(agent.rejections).toEqual({});
  });

  it('verifies a shutdown when the host goes silent, and powers it on again', async () => {
    const [outcome] = await run([action('sim-050', 'shutdown', { delaySeconds: 0 })]);
    expect(outcome).toMatchObject({ state: 'verified', evidence: { channelClosedAt: expect.any(String), command: { agentId: fleet.agent('sim-050')?.agentId } } });
    expect(fleet.agent('sim-050')?.host.poweredOff).toBe(true);
    fleet.setOnline(['sim-050']);
    await fleet.waitConnected(['sim-050']);
    expect(fleet.agent('sim-050')?.connected).toBe(true);
  });
});

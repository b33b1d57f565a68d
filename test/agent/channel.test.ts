/**
 * The agent channel end to end, in one process and without root: the real server (HTTP + WebSocket on
 * 127.0.0.1), the real enrolment and runner, an in-memory nft. Commands move requested -> sent -> applied ->
 * verified with evidence; a command to an offline agent waits visibly and fails on its timeout; rejections
 * come back with their reason.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNft, fakeProber } from '../../src/agent/agent.testing.js';
import { signCommand } from '../../src/agent/protocol/signing.js';
import { enrol } from '../../src/agent/runtime/enrol.js';
import { AgentRunner, DEFAULT_AGENT_CONFIG, type AgentConfig } from '../../src/agent/runtime/runner.js';
import { StateFile } from '../../src/agent/runtime/state-file.js';
import type { AgentCommandView, AgentView } from '../../src/contracts/agents.js';
import { startHarness, type Harness } from '../server/harness.js';
import { waitFor } from './support/wait.js';

const TABLE = 'firebreak_isolation';
let h: Harness;
let offsetMs = 0;
let serverUrl: string;
let stateDir: string;
let agentId: string;
let runner: AgentRunner | undefined;
const nft = new FakeNft();
const log: string[] = [];
const busStates: string[] = [];

const config = (): AgentConfig => ({ ...DEFAULT_AGENT_CONFIG, stateDir, heartbeatMs: 200, probe: { host: '10.213.0.2', port: 8080 } });
const deps = {
  executor: nft,
  probe: fakeProber(nft, TABLE, () => ['127.0.0.1']),
  resolve: (host: string) => Promise.resolve([host === 'localhost' ? '127.0.0.1' : host]),
  now: () => new Date(),
  log: (line: string) => log.push(line),
};

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await h.as('admin', method, url, body);
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function command(type: string, args: Record<string, unknown> = {}): Promise<AgentCommandView> {
  return api<AgentCommandView>('POST', `/api/agents/${agentId}/commands`, { type, args });
}

function finalState(id: string): Promise<AgentCommandView> {
  return waitFor(`command ${id} to end`, async () => {
    const page = await api<{ items: AgentCommandView[] }>('GET', `/api/agents/${agentId}/commands?limit=100`);
    const found = page.items.find((c) => c.id === id);
    return found && (found.state === 'verified' || found.state === 'failed') ? found : undefined;
  });
}

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(Date.now() + offsetMs) });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  serverUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'fb-agent-state-'));
  h.ctx.bus.subscribe('agent.*.commands', (m) => busStates.push((m as { state: string }).state));
});
afterAll(async () => {
  await runner?.stop();
  await h.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('agent channel', () => {
  it('enrols with a one-time token bound to an estate host, pins the key and keeps its state private', async () => {
    const { token } = await api<{ token: string }>('POST', '/api/agents/enrolment-tokens', { host: 'uk-app01', expires: '1h' });
    const state = await enrol(new StateFile(stateDir), { serverUrl, token, hostname: 'some-other-name' });
    agentId = state.agentId;
    expect(state).toMatchObject({ hostname: 'uk-app01', serverUrl, replay: { lastSeq: 0 } });
    expect(state.serverKeyFingerprint).toBe((await h.ctx.agents.signingKey()).fingerprint);
    expect((await stat(path.join(stateDir, 'agent.json'))).mode & 0o777).toBe(0o600);
    await expect(enrol(new StateFile(`${stateDir}-again`), { serverUrl, token })).rejects.toThrow(/already used|not valid/);
  });

  it('connects, reports inventory and heartbeats, and updates the estate host', async () => {
    runner = await AgentRunner.start(config(), deps);
    const agent = await waitFor('the agent online with inventory', async () => {
      const a = await api<AgentView>('GET', `/api/agents/${agentId}`);
      return a.online && a.version !== null && a.isolation !== null ? a : undefined;
    });
    expect(agent).toMatchObject({ hostname: 'uk-app01', entity: 'uk-ltd', isolation: { state: 'released' } });
    const host = await waitFor('the estate host to name its agent', async () => {
      const found = await api<{ host: { agent?: { id: string; version: string; lastSeen: string } } }>('GET', '/api/estate/hosts/uk-app01');
      return found.host.agent ? found.host : undefined;
    });
    expect(host.agent).toMatchObject({ id: agentId, version: '0.1.0', lastSeen: expect.any(String) });
  });

  it('runs a signed ping through requested, sent and verified, and publishes each state on the bus', async () => {
    busStates.length = 0;
    const sent = await command('ping');
    const done = await finalState(sent.id);
    expect(done).toMatchObject({ state: 'verified', seq: 1, evidence: { agentVersion: '0.1.0' } });
    expect(done.history.map((x) => x.state)).toEqual(['requested', 'sent', 'verified']);
    expect(busStates).toEqual(['requested', 'sent', 'verified']);
  });

  it('isolates with evidence (ruleset hash, probes with times), then releases exactly its table', async () => {
    const isolate = await finalState((await command('isolate', { allow: [{ cidr: '10.50.0.0/16', ports: [443] }] })).id);
    expect(isolate.state).toBe('verified');
    expect(isolate.history.map((x) => x.state)).toEqual(['requested', 'sent', 'applied', 'verified']);
    expect(isolate.evidence).toMatchObject({ ruleset: { rulesetHash: expect.stringMatching(/^sha256:/), check: { ok: true } } });
    const probes = isolate.evidence?.['probes'] as { purpose: string; passed: boolean; at: string; ms: number }[];
    expect(probes.map((p) => `${p.purpose}:${p.passed}`)).toEqual(['baseline-before-isolation:true', 'blocked-target:true', 'control-channel:true']);
    expect(nft.tables.get(TABLE)).toContain('ip daddr 127.0.0.1 tcp dport');
    await waitFor('isolation reported', async () => (await api<AgentView>('GET', `/api/agents/${agentId}`)).isolation?.['state'] === 'isolated');
    const release = await finalState((await command('release')).id);
    expect(release).toMatchObject({ state: 'verified', evidence: { removed: true, tableAbsent: true } });
    expect(nft.tables.has(TABLE)).toBe(false);
  });

  it('puts the isolation back when the agent restarts and finds its table gone', async () => {
    await finalState((await command('isolate', { allow: [] })).id);
    await runner?.stop();
    nft.tables.delete(TABLE);
    runner = await AgentRunner.start(config(), deps);
    expect(nft.tables.has(TABLE)).toBe(true);
    expect(log.some((line) => line.includes('re-applied'))).toBe(true);
    await finalState((await command('release')).id);
  });

  it('reports a forged command back with its reason, and runs nothing', async () => {
    const attacker = generateKeyPairSync('ed25519');
    const now = new Date();
    const forged = signCommand(
      { v: 1, id: randomUUID(), agentId, type: 'release', args: {}, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString(), seq: 999, nonce: 'forged-nonce-0123456789' },
      attacker.privateKey,
    );
    await h.ctx.agents.hub.send(agentId, { kind: 'command', command: forged });
    const agent = await waitFor('the rejection', async () => {
      const a = await api<AgentView>('GET', `/api/agents/${agentId}`);
      return a.lastRejection?.['commandId'] === forged.body.id ? a : undefined;
    });
    expect(agent.lastRejection).toMatchObject({ state: 'rejected', reason: { code: 'bad_signature' } });
  });

  it('keeps a command to an offline agent pending with a visible reason, and fails it on its timeout', async () => {
    await runner?.stop();
    runner = undefined;
    await waitFor('the server to see the agent leave', () => !h.ctx.agents.hub.has(agentId));
    const pending = await command('ping');
    expect(pending).toMatchObject({ state: 'requested', reason: { code: 'agent_offline', message: expect.stringContaining('offline') } });
    offsetMs = 10 * 60_000;
    try {
      expect(await h.ctx.agents.dispatcher.sweep()).toBeGreaterThan(0);
    } finally {
      offsetMs = 0;
    }
    const failed = await finalState(pending.id);
    expect(failed).toMatchObject({ state: 'failed', reason: { code: 'timeout', message: expect.stringContaining('never delivered') } });
  });

  it('delivers a command that waited once the agent reconnects', async () => {
    const waiting = await command('ping');
    expect(waiting.state).toBe('requested');
    runner = await AgentRunner.start(config(), deps);
    expect((await finalState(waiting.id)).state).toBe('verified');
  });

  it('reconnects by itself when the server drops the channel', async () => {
    h.ctx.agents.hub.closeAll(1012, 'server restarting');
    await waitFor('the agent to reconnect', () => h.ctx.agents.hub.has(agentId));
    expect(log.some((line) => /disconnected \(code 1012\); reconnecting in \d/.test(line))).toBe(true);
    expect((await finalState((await command('ping')).id)).state).toBe('verified');
  });

  it('refuses commands with bad arguments at the API, naming the field', async () => {
    const res = await h.as('admin', 'POST', `/api/agents/${agentId}/commands`, { type: 'isolate', args: { allow: [{ cidr: '10.0.0/8' }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'validation_failed', issues: [{ field: 'body.args.allow.0.cidr' }] } });
    const unknown = await h.as('admin', 'POST', `/api/agents/${agentId}/commands`, { type: 'wipe' });
    expect(unknown.statusCode).toBe(422);
  });

  it('refuses a channel without a valid agent credential before upgrading', async () => {
    const { default: WebSocket } = await import('ws');
    const url = serverUrl.replace('http', 'ws') + '/api/agents/connect';
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { headers: { authorization: 'Bearer fba_not-a-credential' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });
});

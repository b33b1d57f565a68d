/**
 * The agent repository's batch forms on PGlite and on the PostgreSQL of this machine (a schema of its own,
 * dropped afterwards; never skipped): bulk tokens and enrolments, sequence blocks, commands inserted once by
 * id, conditional claims and changes, presence and the estate host's agent field.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { AgentCommandRecord, AgentRecord, EnrolmentTokenRecord } from '../../src/store/agent-types.js';
import type { Store } from '../../src/store/types.js';
import { dropSchema, findDatabase, uniqueSchema } from '../support/postgres.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:05:00.000Z';
const T2 = '2026-06-01T10:10:00.000Z';

function token(host: string, overrides: Partial<EnrolmentTokenRecord> = {}): EnrolmentTokenRecord {
  return { id: randomUUID(), secretHash: sha(`secret-${host}`), host, createdBy: 'admin', createdAt: T0, expiresAt: T1, usedAt: null, agentId: null, ...overrides };
}

function agentFor(t: EnrolmentTokenRecord): AgentRecord {
  const id = `agt-${randomUUID().slice(0, 8)}`;
  return {
    id, hostname: t.host ?? 'x', credentialHash: sha(`cred-${id}`), tokenId: t.id, enrolledAt: T0, version: '0.1.0', os: 'linux', inventory: null, isolation: null,
    lastSeenAt: null, connectedNode: null, connectedAt: null, lastSeq: 0, hostSyncedAt: null, lastRejection: null, revokedAt: null,
  };
}

function command(agentId: string, overrides: Partial<AgentCommandRecord> = {}): AgentCommandRecord {
  return {
    id: randomUUID(), agentId, seq: null, type: 'ping', args: {}, state: 'requested', reason: null, evidence: null, requestedBy: 'plan:p/a1#1',
    requestedAt: T0, expiresAt: T1, deadlineAt: T2, updatedAt: T0, history: [{ state: 'requested', at: T0, by: 'plan:p/a1#1' }], ...overrides,
  };
}

function cases(name: string, open: () => Promise<Store>, cleanup: () => Promise<void>): void {
  describe(`agent batch storage on ${name}`, () => {
    let store: Store;
    let agents: AgentRecord[];
    beforeAll(async () => {
      store = await open();
      const hosts = ['b-01', 'b-02', 'b-03'].map((h) => `${h}-${randomUUID().slice(0, 6)}`);
      const tokens = hosts.map((h) => token(h));
      await store.agents.createTokens(tokens);
      const redeemed = await store.agents.redeemTokens(tokens.map((t) => ({ secretHash: t.secretHash, makeAgent: agentFor })), T0);
      agents = redeemed.filter((a): a is AgentRecord => a !== undefined);
    });
    afterAll(async () => {
      await store?.close();
      await cleanup();
    });

    it('redeems many tokens at once, each once, never an expired one', async () => {
      expect(agents).toHaveLength(3);
      const stale = token(`late-${randomUUID().slice(0, 6)}`, { expiresAt: T0 });
      await store.agents.createTokens([stale]);
      const again = await store.agents.redeemTokens([{ secretHash: sha(`secret-${agents[0]?.hostname ?? ''}`), makeAgent: agentFor }, { secretHash: stale.secretHash, makeAgent: agentFor }], T0);
      expect(again).toEqual([undefined, undefined]);
      const listed = (await store.agents.listTokens()).filter((t) => agents.some((a) => a.tokenId === t.id));
      expect(listed.every((t) => t.usedAt === T0 && agents.some((a) => a.id === t.agentId))).toBe(true);
      expect((await store.agents.findByHostnames(agents.map((a) => a.hostname))).map((a) => a.id).sort()).toEqual(agents.map((a) => a.id).sort());
    });

    it('reserves sequence blocks that only grow', async () => {
      const [a, b] = agents as [AgentRecord, AgentRecord];
      const tops = await store.agents.recordConnected([{ id: a.id, at: T0, node: 'node-1' }, { id: b.id, at: T0, node: 'node-1' }], 64);
      expect(tops.get(a.id)).toBe(64);
      expect((await store.agents.reserveSeqs([{ id: a.id, n: 10 }])).get(a.id)).toBe(74);
      expect(await store.agents.get(a.id)).toMatchObject({ lastSeq: 74, connectedNode: 'node-1', lastSeenAt: T0 });
    });

    it('inserts a command id once, claims only what still waits, and changes only from the expected state', async () => {
      const a = agents[0] as AgentRecord;
      const first = command(a.id);
      const sentAtOnce = command(a.id, { state: 'sent', seq: 75, history: [{ state: 'requested', at: T0 }, { state: 'sent', at: T0 }] });
      expect(await store.agents.createCommands([first, sentAtOnce])).toEqual(new Set([first.id, sentAtOnce.id]));
      expect(await store.agents.createCommands([first])).toEqual(new Set());
      expect(await store.agents.getCommands([first.id, sentAtOnce.id])).toHaveLength(2);
      expect((await store.agents.pendingCommandsOf([a.id], T0)).map((c) => c.id)).toEqual([first.id]);
      const claimed = await store.agents.claimMany([{ id: first.id, seq: 76 }, { id: sentAtOnce.id, seq: 77 }], T0);
      expect(claimed.map((c) => [c.id, c.seq, c.state])).toEqual([[first.id, 76, 'sent']]);
      expect(await store.agents.claimMany([{ id: first.id, seq: 78 }], T0)).toEqual([]);
      const evidence = { probes: [{ purpose: 'blocked-target', passed: true }] };
      const change = { id: first.id, expected: 'sent' as const, to: 'verified' as const, at: T1, reason: null, evidence, entries: [{ state: 'applied' as const, at: T1, evidence }, { state: 'verified' as const, at: T1 }] };
      expect(await store.agents.applyChanges([change, { ...change, id: sentAtOnce.id, expected: 'applied' }])).toEqual(new Set([first.id]));
      expect(await store.agents.applyChanges([change])).toEqual(new Set());
      expect(await store.agents.getCommand(first.id)).toMatchObject({ state: 'verified', evidence, reason: null, history: [{ state: 'requested' }, { state: 'sent' }, { state: 'applied', evidence }, { state: 'verified' }] });
    });

    it('sets and clears waiting reasons, finds commands by type and state, and clears connections per node', async () => {
      const b = agents[1] as AgentRecord;
      const waiting = command(b.id, { reason: { code: 'agent_offline', message: 'offline' } });
      const shutdown = command(b.id, { type: 'shutdown', state: 'applied', seq: 3 });
      await store.agents.createCommands([waiting, shutdown]);
      expect((await store.agents.clearWaitingReasons([b.id], T0)).map((c) => [c.id, c.reason])).toEqual([[waiting.id, null]]);
      expect((await store.agents.findCommands([b.id], 'shutdown', ['applied'])).map((c) => c.id)).toEqual([shutdown.id]);
      const marked = await store.agents.setWaitingReasons([{ agentId: b.id, reason: { code: 'agent_offline', message: 'gone' } }], T1);
      expect(marked.map((c) => [c.id, c.reason?.code])).toEqual([[waiting.id, 'agent_offline']]);
      await store.agents.recordConnected([{ id: b.id, at: T0, node: 'node-9' }], 64);
      await store.agents.markDisconnectedMany([b.id], 'node-8');
      expect((await store.agents.get(b.id))?.connectedNode).toBe('node-9');
      await store.agents.markDisconnectedMany([b.id], 'node-9');
      expect((await store.agents.get(b.id))?.connectedNode).toBeNull();
    });

    it('records what many agents reported, keeping what they did not say, and names the agent on its estate host', async () => {
      const c = agents[2] as AgentRecord;
      await store.estate.upsert({ version: 1, regions: [], entities: [], sites: [], segments: [], links: [], services: [], dataStores: [], hosts: [{ hostname: c.hostname, ips: [], os: 'linux', role: 'server', criticality: 'low', entity: 'e', segment: 's', tags: [] }] } as never);
      await store.agents.recordSeenMany([{ id: c.id, at: T1, node: 'node-2', version: '0.2.0', isolation: { state: 'released' } }]);
      await store.agents.recordSeenMany([{ id: c.id, at: T2 }]);
      expect(await store.agents.get(c.id)).toMatchObject({ lastSeenAt: T2, connectedNode: 'node-2', version: '0.2.0', isolation: { state: 'released' } });
      const before = await store.estate.revision();
      await store.agents.syncHostAgents([{ agentId: c.id, hostname: c.hostname, info: { id: c.id, version: '0.2.0', lastSeen: T2 } }], true);
      expect(await store.estate.revision()).toBe(before + 1);
      const host = (await store.estate.load()).hosts.find((h) => h.hostname === c.hostname);
      expect(host?.agent).toEqual({ id: c.id, version: '0.2.0', lastSeen: T2 });
      expect((await store.agents.get(c.id))?.hostSyncedAt).toBe(T2);
    });
  });
}

let dir: string | undefined;
cases(
  'PGlite',
  async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fb-agent-store-'));
    return openStore({ dataDir: dir });
  },
  () => (dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve()),
);

const schema = uniqueSchema('firebreak_agent_store');
let databaseUrl: string | undefined;
cases(
  'PostgreSQL',
  async () => {
    databaseUrl ??= await findDatabase();
    return openStore({ databaseUrl, schema });
  },
  () => (databaseUrl ? dropSchema(databaseUrl, schema) : Promise.resolve()),
);

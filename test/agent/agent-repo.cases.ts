/** Agents in storage: one-time tokens, credentials, command sequencing and conditional state changes. */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AgentCommandRecord, AgentRecord, EnrolmentTokenRecord } from '../../src/store/agent-types.js';
import type { SuiteContext } from '../store/store.suite.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:05:00.000Z';
const T2 = '2026-06-01T10:10:00.000Z';

function token(secret: string, overrides: Partial<EnrolmentTokenRecord> = {}): EnrolmentTokenRecord {
  return { id: randomUUID(), secretHash: sha(secret), host: null, createdBy: 'admin', createdAt: T0, expiresAt: T1, usedAt: null, agentId: null, ...overrides };
}

function agent(id: string, tokenId: string, hostname = `host-${id}`): AgentRecord {
  return {
    id, hostname, credentialHash: sha(`cred-${id}`), tokenId, enrolledAt: T0, version: '0.1.0', os: 'linux', inventory: null, isolation: null,
    lastSeenAt: null, connectedNode: null, connectedAt: null, lastSeq: 0, hostSyncedAt: null, lastRejection: null, revokedAt: null,
  };
}

function command(agentId: string, overrides: Partial<AgentCommandRecord> = {}): AgentCommandRecord {
  return {
    id: randomUUID(), agentId, seq: null, type: 'ping', args: {}, state: 'requested', reason: null, evidence: null, requestedBy: 'cora',
    requestedAt: T0, expiresAt: T1, deadlineAt: T2, updatedAt: T0, history: [{ state: 'requested', at: T0, by: 'cora' }], ...overrides,
  };
}

async function enrolled(ctx: SuiteContext, id: string): Promise<AgentRecord> {
  const t = token(`secret-${id}`);
  await ctx.store().agents.createToken(t);
  const created = await ctx.store().agents.redeemToken(t.secretHash, T0, (tok) => agent(id, tok.id));
  if (!created) throw new Error('enrolment failed');
  return created;
}

export function agentCases(ctx: SuiteContext): void {
  describe('agents', () => {
    it('redeems an enrolment token once, and never an expired one', async () => {
      const { agents } = ctx.store();
      const t = token('one-time');
      await agents.createToken(t);
      const first = await agents.redeemToken(t.secretHash, T0, (tok) => agent(`a-${randomUUID().slice(0, 8)}`, tok.id));
      expect(first?.tokenId).toBe(t.id);
      expect(await agents.redeemToken(t.secretHash, T0, (tok) => agent('again', tok.id))).toBeUndefined();
      const stale = token('stale', { expiresAt: T0 });
      await agents.createToken(stale);
      expect(await agents.redeemToken(stale.secretHash, T0, (tok) => agent('late', tok.id))).toBeUndefined();
      const listed = (await agents.listTokens()).find((x) => x.id === t.id);
      expect(listed).toMatchObject({ usedAt: T0, agentId: first?.id });
      expect(await agents.findByCredentialHash(first?.credentialHash ?? '')).toEqual(first);
    });

    it('refuses to store a secret instead of its hash', async () => {
      await expect(ctx.store().agents.createToken({ ...token('x'), secretHash: 'fbe_plain' })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('hands out increasing sequence numbers when commands are claimed, each only once', async () => {
      const { agents } = ctx.store();
      const a = await enrolled(ctx, `seq-${randomUUID().slice(0, 8)}`);
      const c1 = command(a.id);
      const c2 = command(a.id, { requestedAt: '2026-06-01T10:00:01.000Z' });
      await agents.createCommand(c1);
      await agents.createCommand(c2);
      expect((await agents.pendingCommands(a.id, T0)).map((c) => c.id)).toEqual([c1.id, c2.id]);
      expect((await agents.claimForSending(c1.id, T0))?.seq).toBe(1);
      expect(await agents.claimForSending(c1.id, T0)).toBeUndefined();
      expect((await agents.claimForSending(c2.id, T0))?.seq).toBe(2);
      expect(await agents.pendingCommands(a.id, T0)).toEqual([]);
      expect((await agents.get(a.id))?.lastSeq).toBe(2);
    });

    it('moves a command only from the allowed states and keeps the history', async () => {
      const { agents } = ctx.store();
      const a = await enrolled(ctx, `tr-${randomUUID().slice(0, 8)}`);
      const c = command(a.id);
      await agents.createCommand(c);
      await agents.claimForSending(c.id, T0);
      const verified = await agents.transition(c.id, ['sent', 'applied'], { to: 'verified', at: T1, evidence: { pong: T1 } });
      expect(verified).toMatchObject({ state: 'verified', evidence: { pong: T1 } });
      expect(await agents.transition(c.id, ['sent', 'applied'], { to: 'failed', at: T1, reason: { code: 'late', message: 'late' } })).toBeUndefined();
      expect((await agents.getCommand(c.id))?.history.map((h) => h.state)).toEqual(['requested', 'sent', 'verified']);
      const page = await agents.listCommands(a.id, { limit: 10, offset: 0 });
      expect(page).toMatchObject({ total: 1, items: [{ id: c.id, state: 'verified' }] });
    });

    it('marks why a command waits, and fails overdue commands with a reason', async () => {
      const { agents } = ctx.store();
      const a = await enrolled(ctx, `to-${randomUUID().slice(0, 8)}`);
      const waiting = command(a.id);
      const sent = command(a.id);
      await agents.createCommand(waiting);
      await agents.createCommand(sent);
      await agents.claimForSending(sent.id, T0);
      const marked = await agents.setWaitingReason(a.id, { code: 'agent_offline', message: 'offline' }, T0);
      expect(marked.map((c) => c.reason?.code)).toEqual(['agent_offline']);
      const failedAtExpiry = (await agents.failOverdue(T1)).filter((c) => c.agentId === a.id);
      expect(failedAtExpiry.map((c) => c.id)).toEqual([waiting.id]);
      expect(failedAtExpiry[0]?.reason?.message).toContain('never delivered');
      const failedAtDeadline = (await agents.failOverdue(T2)).filter((c) => c.agentId === a.id);
      expect(failedAtDeadline.map((c) => c.id)).toEqual([sent.id]);
      expect(failedAtDeadline[0]?.reason).toMatchObject({ code: 'timeout' });
      expect(failedAtDeadline[0]?.history.at(-1)).toMatchObject({ state: 'failed', at: T2 });
    });

    it('records what an agent reports and clears a connection only for the node that holds it', async () => {
      const { agents } = ctx.store();
      const a = await enrolled(ctx, `seen-${randomUUID().slice(0, 8)}`);
      await agents.recordSeen(a.id, { at: T1, connectedNode: 'node-1', isolation: { state: 'released' }, version: '0.2.0' });
      await agents.markDisconnected(a.id, 'node-2');
      expect(await agents.get(a.id)).toMatchObject({ lastSeenAt: T1, connectedNode: 'node-1', isolation: { state: 'released' }, version: '0.2.0' });
      await agents.markDisconnected(a.id, 'node-1');
      expect((await agents.get(a.id))?.connectedNode).toBeNull();
    });
  });
}

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CommandBody } from './command.js';
import { signCommand } from './signing.js';
import { SEEN_IDS_KEPT, verifyCommand, type ReplayState, type VerifyContext } from './verify-command.js';

const server = generateKeyPairSync('ed25519');
const attacker = generateKeyPairSync('ed25519');
const NOW = new Date('2026-06-01T10:00:00Z');

function body(overrides: Partial<CommandBody> = {}): CommandBody {
  return {
    v: 1,
    id: randomUUID(),
    agentId: 'agt-a',
    type: 'ping',
    args: {},
    issuedAt: '2026-06-01T09:59:00Z',
    expiresAt: '2026-06-01T10:05:00Z',
    seq: 5,
    nonce: 'n0nce-0123456789abcdef',
    ...overrides,
  };
}

function ctx(replay: ReplayState = { lastSeq: 4, seenIds: [] }): VerifyContext {
  return { publicKey: server.publicKey, agentId: 'agt-a', now: NOW, replay };
}

describe('verifyCommand', () => {
  it('accepts a command signed by the pinned key, for this agent, in time and new; and advances the replay state', () => {
    const command = signCommand(body(), server.privateKey);
    const verdict = verifyCommand(command, ctx());
    expect(verdict).toEqual({ ok: true, body: command.body, replay: { lastSeq: 5, seenIds: [command.body.id] } });
  });

  it('rejects a command signed by another key (forged)', () => {
    const verdict = verifyCommand(signCommand(body(), attacker.privateKey), ctx());
    expect(verdict).toMatchObject({ ok: false, rejection: { code: 'bad_signature' } });
  });

  it('rejects a signed command whose body was changed afterwards', () => {
    const command = signCommand(body({ type: 'ping' }), server.privateKey);
    const tampered = { ...command, body: { ...command.body, type: 'release' } };
    expect(verifyCommand(tampered, ctx())).toMatchObject({ ok: false, rejection: { code: 'bad_signature', commandId: command.body.id } });
  });

  it('rejects a command replayed with the same id, and an older sequence number', () => {
    const command = signCommand(body(), server.privateKey);
    const first = verifyCommand(command, ctx());
    if (!first.ok) throw new Error('first delivery must pass');
    expect(verifyCommand(command, ctx(first.replay))).toMatchObject({ ok: false, rejection: { code: 'replayed_id' } });
    const older = signCommand(body({ seq: 5 }), server.privateKey);
    expect(verifyCommand(older, ctx(first.replay))).toMatchObject({ ok: false, rejection: { code: 'stale_seq' } });
  });

  it('rejects an expired command and one issued in the future beyond the clock skew', () => {
    const expired = signCommand(body({ expiresAt: '2026-06-01T09:59:59Z' }), server.privateKey);
    expect(verifyCommand(expired, ctx())).toMatchObject({ ok: false, rejection: { code: 'expired' } });
    const future = signCommand(body({ issuedAt: '2026-06-01T10:02:00Z' }), server.privateKey);
    expect(verifyCommand(future, ctx())).toMatchObject({ ok: false, rejection: { code: 'not_yet_valid' } });
  });

  it('rejects a command for another agent, even when correctly signed', () => {
    const other = signCommand(body({ agentId: 'agt-b' }), server.privateKey);
    expect(verifyCommand(other, ctx())).toMatchObject({ ok: false, rejection: { code: 'wrong_agent' } });
  });

  it('rejects malformed input and keeps the id when it can be read', () => {
    expect(verifyCommand('hello', ctx())).toMatchObject({ ok: false, rejection: { code: 'malformed', commandId: null } });
    const unsigned = { body: body() };
    expect(verifyCommand(unsigned, ctx())).toMatchObject({ ok: false, rejection: { code: 'malformed', commandId: unsigned.body.id } });
  });

  it('keeps a bounded list of seen ids', () => {
    const seen = Array.from({ length: SEEN_IDS_KEPT }, () => randomUUID());
    const verdict = verifyCommand(signCommand(body(), server.privateKey), ctx({ lastSeq: 4, seenIds: seen }));
    expect(verdict.ok && verdict.replay.seenIds.length).toBe(SEEN_IDS_KEPT);
  });
});

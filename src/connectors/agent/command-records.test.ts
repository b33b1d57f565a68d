import { describe, expect, it } from 'vitest';
import type { ResultMessage } from '../../agent/protocol/messages.js';
import { commandIdFor } from './command-id.js';
import { outcomeOf } from './command-outcome.js';
import { asRequested, changeOf, foldResult, newCommandRecord, silentShutdown } from './command-records.js';
import { SeqLeases } from './seq-lease.js';

const now = new Date('2026-06-01T10:00:00.000Z');
const sent = newCommandRecord({ id: commandIdFor('k'), agentId: 'agt-1', type: 'isolate', args: {}, by: 'plan:p/a1#1', now, ttlSeconds: 300, graceSeconds: 120, reason: null, sentSeq: 7 });
const result = (state: ResultMessage['state'], extra: Partial<ResultMessage> = {}): ResultMessage => ({ kind: 'result', commandId: sent.id, state, at: now.toISOString(), ...extra });

describe('command records', () => {
  it('records a command sent at once as requested then sent, with its expiry and deadline', () => {
    expect(sent).toMatchObject({ state: 'sent', seq: 7, expiresAt: '2026-06-01T10:05:00.000Z', deadlineAt: '2026-06-01T10:07:00.000Z' });
    expect(sent.history.map((h) => h.state)).toEqual(['requested', 'sent']);
    expect(asRequested(sent)).toMatchObject({ state: 'requested', seq: null, history: [{ state: 'requested', by: 'plan:p/a1#1' }] });
  });

  it('folds applied and verified into one change, keeping the applied evidence in the history and the final in the record', () => {
    const a = foldResult(undefined, sent, result('applied', { evidence: { step: 1 } }), 'T1');
    if (typeof a === 'string') throw new Error(a);
    const v = foldResult(a.change, sent, result('verified', { evidence: { step: 2 } }), 'T2');
    if (typeof v === 'string') throw new Error(v);
    expect(v.change.steps.map((s) => s.state)).toEqual(['applied', 'verified']);
    const change = changeOf(v.change);
    expect(change).toMatchObject({ expected: 'sent', to: 'verified', evidence: { step: 2 } });
    expect(change).not.toHaveProperty('reason');
    expect(change.entries).toEqual([{ state: 'applied', at: 'T1', evidence: { step: 1, reportedAt: now.toISOString() } }, { state: 'verified', at: 'T2' }]);
    expect(foldResult(v.change, sent, result('failed'), 'T3')).toBe('ignored');
    expect(foldResult(undefined, sent, result('rejected', { reason: { code: 'replayed_id', message: 'seen' } }), 'T1')).toBe('rejection');
  });

  it('verifies an applied shutdown when the host goes silent', () => {
    const applied = { ...sent, type: 'shutdown', state: 'applied' as const, evidence: { runAt: 'T1' } };
    expect(silentShutdown(applied, 'T2', 'T0').after).toMatchObject({ state: 'verified', evidence: { runAt: 'T1', channelClosedAt: 'T2', lastSeenAt: 'T0' } });
  });

  it('turns ends into outcomes: timeouts are retryable, refusals are not', () => {
    expect(outcomeOf({ ...sent, state: 'verified', evidence: { ok: 1 } })).toMatchObject({ state: 'verified', evidence: { ok: 1, command: { commandId: sent.id, seq: 7 } } });
    expect(outcomeOf({ ...sent, state: 'failed', reason: { code: 'timeout', message: 'late' } })).toMatchObject({ retryable: true });
    expect(outcomeOf({ ...sent, state: 'failed', reason: { code: 'rejected_bad_signature', message: 'no' } })).toMatchObject({ retryable: false });
    expect(outcomeOf(sent)).toMatchObject({ state: 'failed', retryable: true, error: { code: 'aborted' } });
  });

  it('derives one stable v4-shaped id per key', () => {
    expect(commandIdFor('a')).toBe(commandIdFor('a'));
    expect(commandIdFor('a')).not.toBe(commandIdFor('b'));
    expect(commandIdFor('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('sequence leases', () => {
  it('hands out numbers from the block, never going back when an older block arrives late', () => {
    const leases = new SeqLeases();
    leases.grant('a', 64, 64);
    expect([leases.take('a'), leases.take('a')]).toEqual([1, 2]);
    leases.grant('a', 10, 10);
    expect(leases.take('a')).toBe(3);
    leases.grant('a', 128, 64);
    expect([leases.take('a'), leases.remaining('a')]).toEqual([65, 63]);
    leases.drop('a');
    expect(leases.take('a')).toBeUndefined();
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEvents, hashEvent } from './chain.js';
import { GENESIS_HASH, type NewIncidentEvent } from './event.js';

const draft = (id: string, payload: unknown = { text: id }): NewIncidentEvent => ({
  id,
  at: '2021-06-01T13:30:00.000Z',
  actor: 'user:alice',
  type: 'note.added',
  payload,
});

describe('hashEvent', () => {
  const event = {
    incidentId: 'INC-0001',
    seq: 1,
    id: 'e1',
    at: '2021-06-01T13:30:00.000Z',
    actor: 'user:alice',
    type: 'note.added',
    payload: { text: 'hi' },
    prevHash: GENESIS_HASH,
  };

  it('is the sha256 of the canonical envelope (the documented format, pinned)', () => {
    const text = `{"actor":"user:alice","at":"2021-06-01T13:30:00.000Z","id":"e1","incidentId":"INC-0001","payload":{"text":"hi"},"prevHash":"${GENESIS_HASH}","seq":1,"type":"note.added"}`;
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(hashEvent(event)).toBe(expected);
    expect(hashEvent(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores fields outside the envelope, including a hash', () => {
    const withExtras = { ...event, hash: 'x', storedAt: 'later' } as typeof event;
    expect(hashEvent(withExtras)).toBe(hashEvent(event));
  });

  it('changes when any envelope field changes', () => {
    const base = hashEvent(event);
    expect(hashEvent({ ...event, seq: 2 })).not.toBe(base);
    expect(hashEvent({ ...event, actor: 'user:mallory' })).not.toBe(base);
    expect(hashEvent({ ...event, payload: { text: 'hi ' } })).not.toBe(base);
    expect(hashEvent({ ...event, prevHash: 'f'.repeat(64) })).not.toBe(base);
  });
});

describe('chainEvents', () => {
  it('numbers a new log from 1 and links each event to the one before', () => {
    const events = chainEvents(undefined, 'INC-0001', [draft('a'), draft('b'), draft('c')]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    for (const event of events) {
      expect(event.incidentId).toBe('INC-0001');
      expect(event.hash).toBe(hashEvent(event));
    }
  });

  it('continues after the previous head', () => {
    const [first, second] = chainEvents(undefined, 'INC-0001', [draft('a'), draft('b')]);
    const [continued] = chainEvents({ seq: first!.seq, hash: first!.hash }, 'INC-0001', [draft('b')]);
    expect(continued).toEqual(second);
  });

  it('returns payloads as storage will: undefined properties gone, -0 as 0', () => {
    const [event] = chainEvents(undefined, 'INC-0001', [draft('a', { keep: 1, drop: undefined, zero: -0 })]);
    expect(event!.payload).toEqual({ keep: 1, zero: 0 });
    expect(Object.is((event!.payload as { zero: number }).zero, 0)).toBe(true);
    expect('drop' in (event!.payload as object)).toBe(false);
  });

  it('refuses payloads that are not plain JSON', () => {
    expect(() => chainEvents(undefined, 'INC-0001', [draft('a', { at: new Date() })])).toThrow(/payload|Date/);
  });

  it('returns nothing for nothing', () => {
    expect(chainEvents(undefined, 'INC-0001', [])).toEqual([]);
  });
});

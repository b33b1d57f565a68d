import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEvents, hashEvent } from './chain.js';
import { GENESIS_HASH, type IncidentEvent, type NewIncidentEvent } from './event.js';
import { verifyChain, type ChainVerification } from './verify.js';

const INC = 'INC-0001';

const draftArb: fc.Arbitrary<NewIncidentEvent> = fc.record({
  id: fc.uuid(),
  at: fc
    .date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  actor: fc.constantFrom('user:alice', 'user:bob', 'system:detect', 'agent:tk-fs01'),
  type: fc.constantFrom('note.added', 'state.changed', 'scope.changed', 'alert.raised'),
  payload: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }),
});

const chainArb = (minLength = 1): fc.Arbitrary<IncidentEvent[]> =>
  fc.array(draftArb, { minLength, maxLength: 12 }).map((drafts) => chainEvents(undefined, INC, drafts));

const headOf = (events: readonly IncidentEvent[]) => ({ lastSeq: events.length, lastHash: events[events.length - 1]!.hash });

const FIELDS = ['incidentId', 'seq', 'id', 'at', 'actor', 'type', 'payload', 'prevHash', 'hash'] as const;
type Field = (typeof FIELDS)[number];

/** A value for `field` that differs from `old` in JSON terms. */
function changedValue(field: Field, old: unknown): fc.Arbitrary<unknown> {
  switch (field) {
    case 'seq':
      return fc.integer({ min: -5, max: 5 }).filter((delta) => delta !== 0).map((delta) => (old as number) + delta);
    case 'payload':
      return fc.jsonValue({ maxDepth: 2 }).filter((value) => JSON.stringify(value) !== JSON.stringify(old));
    case 'prevHash':
    case 'hash':
      return fc.stringMatching(/^[0-9a-f]{64}$/).filter((value) => value !== old);
    default:
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: 3 }).map((suffix) => `${old as string}${suffix}`),
        fc.string().filter((value) => value !== old),
      );
  }
}

/** A chain, one event of it, one field, and a different value for that field. */
const tamperArb = chainArb().chain((events) =>
  fc
    .tuple(fc.integer({ min: 0, max: events.length - 1 }), fc.constantFrom(...FIELDS))
    .chain(([index, field]) =>
      changedValue(field, events[index]![field]).map((value) => ({ events, index, field, value })),
    ),
);

function failure(result: ChainVerification) {
  if (result.ok) throw new Error('expected the chain to fail verification');
  return result.firstBad;
}

describe('verifyChain: properties', () => {
  it('an untouched chain verifies, with and without its head, before and after a JSON round trip', () => {
    fc.assert(
      fc.property(chainArb(), (events) => {
        const expected = { ok: true, count: events.length, lastHash: events[events.length - 1]!.hash };
        expect(verifyChain(INC, events)).toEqual(expected);
        expect(verifyChain(INC, events, headOf(events))).toEqual(expected);
        expect(verifyChain(INC, JSON.parse(JSON.stringify(events)) as IncidentEvent[])).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('any change of any field of any event is detected at that event', () => {
    fc.assert(
      fc.property(tamperArb, ({ events, index, field, value }) => {
        const tampered = events.map((event) => ({ ...event }));
        const changed = { ...tampered[index]!, [field]: value };
        tampered[index] = changed;
        const bad = failure(verifyChain(INC, tampered));
        expect({ seq: bad.seq, id: bad.id }).toEqual({ seq: changed.seq, id: changed.id });
        expect(bad.reason).toBe(field === 'incidentId' ? 'wrong_incident' : 'hash_mismatch');
        expect(bad.message).toContain(`position ${index + 1}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('names the first of several changed events', () => {
    const arb = chainArb(2).chain((events) =>
      fc
        .uniqueArray(fc.integer({ min: 0, max: events.length - 1 }), { minLength: 2, maxLength: events.length })
        .map((indexes) => ({ events, indexes })),
    );
    fc.assert(
      fc.property(arb, ({ events, indexes }) => {
        const tampered = events.map((event, i) => (indexes.includes(i) ? { ...event, actor: `${event.actor}!` } : event));
        const first = Math.min(...indexes);
        expect(failure(verifyChain(INC, tampered)).id).toBe(events[first]!.id);
      }),
    );
  });

  it('any removal is detected: at the event after it, or against the head when it was the last', () => {
    const arb = chainArb().chain((events) => fc.integer({ min: 0, max: events.length - 1 }).map((index) => ({ events, index })));
    fc.assert(
      fc.property(arb, ({ events, index }) => {
        const removed = events.filter((_, i) => i !== index);
        const head = headOf(events);
        if (removed.length === 0) {
          expect(failure(verifyChain(INC, removed, head)).reason).toBe('empty');
        } else if (index < events.length - 1) {
          const next = events[index + 1]!;
          const expected = { seq: next.seq, id: next.id, reason: 'prev_hash_mismatch' };
          expect(failure(verifyChain(INC, removed))).toMatchObject(expected);
          expect(failure(verifyChain(INC, removed, head))).toMatchObject(expected);
        } else {
          expect(verifyChain(INC, removed).ok).toBe(true); // the chain alone cannot see a shortened tail
          expect(failure(verifyChain(INC, removed, head))).toMatchObject({ seq: events.length, id: '', reason: 'head_mismatch' });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any swap of two events is detected at the earlier position, naming the event moved there', () => {
    const arb = chainArb(2).chain((events) =>
      fc
        .uniqueArray(fc.integer({ min: 0, max: events.length - 1 }), { minLength: 2, maxLength: 2 })
        .map(([a, b]) => ({ events, i: Math.min(a!, b!), j: Math.max(a!, b!) })),
    );
    fc.assert(
      fc.property(arb, ({ events, i, j }) => {
        const swapped = [...events];
        [swapped[i], swapped[j]] = [events[j]!, events[i]!];
        const moved = events[j]!;
        expect(failure(verifyChain(INC, swapped))).toMatchObject({ seq: moved.seq, id: moved.id, reason: 'prev_hash_mismatch' });
      }),
      { numRuns: 500 },
    );
  });
});

function rawEvent(seq: number, prevHash: string, incidentId = INC): IncidentEvent {
  const unhashed = { incidentId, seq, id: `e${seq}`, at: '2021-06-01T13:30:00.000Z', actor: 'user:alice', type: 'note.added', payload: {}, prevHash };
  return { ...unhashed, hash: hashEvent(unhashed) };
}

describe('verifyChain: cases', () => {
  const events = chainEvents(undefined, INC, ['a', 'b', 'c'].map((id) => ({ id, at: '2021-06-01T13:30:00.000Z', actor: 'user:alice', type: 'note.added', payload: { text: id } })));

  it('reports an empty log', () => {
    expect(verifyChain(INC, [])).toEqual({
      ok: false,
      count: 0,
      firstBad: { seq: 0, id: '', reason: 'empty', message: `incident ${INC} has no events: every incident starts with incident.opened` },
    });
  });

  it('reports a changed payload with a message that says what happened', () => {
    const tampered = [events[0]!, { ...events[1]!, payload: { text: 'nothing to see' } }, events[2]!];
    expect(verifyChain(INC, tampered)).toEqual({
      ok: false,
      count: 3,
      firstBad: {
        seq: 2,
        id: 'b',
        reason: 'hash_mismatch',
        message: 'event seq 2 (id b, position 2): its content does not match its hash: the event was changed after it was written.',
      },
    });
  });

  it('reports seq_gap for a correctly linked log that skips a number', () => {
    const first = rawEvent(1, GENESIS_HASH);
    const third = rawEvent(3, first.hash);
    expect(failure(verifyChain(INC, [first, third]))).toMatchObject({ seq: 3, id: 'e3', reason: 'seq_gap' });
  });

  it('reports a repeated event as out of chain', () => {
    expect(failure(verifyChain(INC, [events[0]!, events[1]!, events[1]!]))).toMatchObject({ seq: 2, reason: 'prev_hash_mismatch' });
  });

  it('reports a log of another incident as wrong_incident', () => {
    const other = chainEvents(undefined, 'INC-0002', [{ id: 'x', at: '2021-06-01T13:30:00.000Z', actor: 'user:bob', type: 'note.added', payload: {} }]);
    expect(failure(verifyChain(INC, other))).toMatchObject({ seq: 1, id: 'x', reason: 'wrong_incident' });
  });

  it('hints at storage when seq comes back as a string (int8 through node-postgres)', () => {
    const asRead = events.map((event) => ({ ...event, seq: String(event.seq) })) as unknown as IncidentEvent[];
    expect(failure(verifyChain(INC, asRead)).message).toMatch(/HINT: seq was read back as a string/);
  });

  it('with a head, reports events written after it and logs rewritten behind its back', () => {
    const head = headOf(events.slice(0, 2));
    expect(failure(verifyChain(INC, events, head))).toMatchObject({ seq: 3, id: 'c', reason: 'head_mismatch' });
    const rewritten = chainEvents(undefined, INC, events.map((event) => ({ ...event, payload: { text: 'forged' } })));
    expect(failure(verifyChain(INC, rewritten, headOf(events)))).toMatchObject({ seq: 3, reason: 'head_mismatch' });
  });

  it('counts every event it was given', () => {
    expect(verifyChain(INC, [events[0]!, events[2]!]).count).toBe(2);
  });
});

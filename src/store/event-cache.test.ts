import { describe, expect, it } from 'vitest';
import { chainEvents } from '../incident/chain.js';
import type { IncidentEvent, NewIncidentEvent } from '../incident/event.js';
import { EventCache } from './event-cache.js';

const note = (n: number): NewIncidentEvent => ({ id: `e${n}`, at: '2021-06-01T13:30:00.000Z', actor: 'user:alice', type: 'note.added', payload: { text: `note ${n}` } });

/** A stored log and a reader over it that counts the rows it returns. */
function storedLog(count: number) {
  const log = { events: chainEvents(undefined, 'INC-0001', Array.from({ length: count }, (_, i) => note(i + 1))), rows: 0, reads: 0 };
  const readTail = (_id: string, from: number): Promise<IncidentEvent[]> => {
    const tail = log.events.filter((e) => e.seq >= from).map((e) => ({ ...e }));
    log.rows += tail.length;
    log.reads += 1;
    return Promise.resolve(tail);
  };
  const append = (n: number) => {
    const last = log.events.at(-1)!;
    log.events.push(...chainEvents({ seq: last.seq, hash: last.hash }, 'INC-0001', Array.from({ length: n }, (_, i) => note(last.seq + i + 1))));
  };
  return { log, readTail, append };
}

describe('EventCache', () => {
  it('reads the whole log once, then only the last cached event and what follows it', async () => {
    const { log, readTail, append } = storedLog(100);
    const cache = new EventCache();
    expect(await cache.read('INC-0001', 0, readTail)).toHaveLength(100);
    append(3);
    const again = await cache.read('INC-0001', 0, readTail);
    expect(again.map((e) => e.seq)).toEqual(log.events.map((e) => e.seq));
    expect(log.rows).toBe(100 + 4);
    expect((await cache.read('INC-0001', 101, readTail)).map((e) => e.seq)).toEqual([102, 103]);
  });

  it('reads the log again when it was rewritten or emptied behind the cache', async () => {
    const { log, readTail } = storedLog(5);
    const cache = new EventCache();
    await cache.read('INC-0001', 0, readTail);
    log.events = chainEvents(undefined, 'INC-0001', [note(90), note(91), note(92), note(93), note(94)]);
    expect((await cache.read('INC-0001', 0, readTail)).map((e) => e.id)).toEqual(['e90', 'e91', 'e92', 'e93', 'e94']);
    log.events = [];
    expect(await cache.read('INC-0001', 0, readTail)).toEqual([]);
  });

  it('takes committed appends without reading, and answers an append from memory when the head matches', async () => {
    const { log, readTail, append } = storedLog(3);
    const cache = new EventCache();
    await cache.read('INC-0001', 0, readTail);
    append(2);
    cache.appended('INC-0001', log.events.slice(3));
    const head = log.events.at(-1)!;
    expect(cache.whole('INC-0001', head.seq, head.hash)).toHaveLength(5);
    expect(cache.whole('INC-0001', head.seq, 'another hash')).toBeUndefined();
    expect(log.reads).toBe(1);
  });

  it('hands out frozen events in a new array each time', async () => {
    const { readTail } = storedLog(2);
    const cache = new EventCache();
    const first = await cache.read('INC-0001', 0, readTail);
    first.pop();
    expect(await cache.read('INC-0001', 0, readTail)).toHaveLength(2);
    expect(Object.isFrozen(first[0])).toBe(true);
  });

  it('keeps at most its capacity of incidents', async () => {
    const { log, readTail } = storedLog(2);
    const cache = new EventCache(1);
    await cache.read('INC-0001', 0, readTail);
    await cache.read('INC-0002', 0, readTail);
    const reads = log.rows;
    await cache.read('INC-0001', 0, readTail);
    expect(log.rows - reads).toBe(2);
  });

  it('keeps at most its budget of events: a longer log is read whole each time, and old logs make room', async () => {
    const { log, readTail, append } = storedLog(5);
    const cache = new EventCache(10, 6);
    await cache.read('INC-0001', 0, readTail);
    append(2);
    expect(await cache.read('INC-0001', 0, readTail)).toHaveLength(7);
    const before = log.rows;
    expect(await cache.read('INC-0001', 0, readTail)).toHaveLength(7);
    expect(log.rows - before).toBe(7);
  });
});

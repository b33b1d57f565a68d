/**
 * A per-process cache of each incident's decoded event log. Events are append-only and hash-chained, so a
 * cached prefix stays valid as long as the stored event at its last seq still carries the same hash; a read
 * then fetches only that event and the ones after it. Any other answer (a rewritten, truncated or recreated log,
 * for example a test that empties the tables) drops the entry and reads the whole log again.
 *
 * Without it, every view of an incident (plans, scope, recovery, the exercise driver polling them) read and
 * decoded the whole log: 1,360 reads and 2.2 million rows during one run of the 2021 exercise.
 */
import type { IncidentEvent } from '../incident/event.js';

/** Reads the stored events of an incident with seq >= `fromSeq`, oldest first. */
export type TailReader = (incidentId: string, fromSeq: number) => Promise<IncidentEvent[]>;

interface Entry {
  events: IncidentEvent[];
  lastSeq: number;
  lastHash: string;
}

/** Incidents whose logs are kept, and events in all of them; the least recently read log is dropped first. */
const DEFAULT_CAPACITY = 32;
const DEFAULT_MAX_EVENTS = 250_000;

export class EventCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    /** A log longer than this is read from storage every time instead of being kept. */
    private readonly maxEvents = DEFAULT_MAX_EVENTS,
  ) {}

  /**
   * The events of an incident with seq > `afterSeq`, oldest first, as a new array (the events are frozen and
   * shared between callers).
   *
   * @example
   * await cache.read('INC-0001', 0, (id, from) => selectEventsFrom(db, id, from));
   */
  async read(incidentId: string, afterSeq: number, readTail: TailReader): Promise<IncidentEvent[]> {
    const entry = this.entries.get(incidentId);
    if (entry === undefined) {
      // A caller that follows the log from a known seq reads only the tail; only whole reads are worth caching.
      if (afterSeq > 0) return readTail(incidentId, afterSeq + 1);
      return this.since(this.store(incidentId, await readTail(incidentId, 1)), afterSeq);
    }
    const tail = await readTail(incidentId, entry.lastSeq);
    const first = tail[0];
    if (first === undefined || first.seq !== entry.lastSeq || first.hash !== entry.lastHash) {
      this.drop(incidentId);
      return this.read(incidentId, afterSeq, readTail);
    }
    return this.since(this.extend(incidentId, entry, tail.slice(1)), afterSeq);
  }

  /**
   * The whole log when the cache holds it up to exactly `lastSeq` with `lastHash` (the incident row, locked by
   * an append), so that an append reads nothing; otherwise undefined.
   */
  whole(incidentId: string, lastSeq: number, lastHash: string): IncidentEvent[] | undefined {
    const entry = this.entries.get(incidentId);
    if (entry === undefined || entry.lastSeq !== lastSeq || entry.lastHash !== lastHash) return undefined;
    this.touch(incidentId, entry);
    return entry.events.slice();
  }

  /** Adds events just committed after the cached end (ignored unless they follow it directly). */
  appended(incidentId: string, events: readonly IncidentEvent[]): void {
    const entry = this.entries.get(incidentId);
    const first = events[0];
    if (entry === undefined || first === undefined) return;
    if (first.seq !== entry.lastSeq + 1 || first.prevHash !== entry.lastHash) {
      this.drop(incidentId);
      return;
    }
    this.extend(incidentId, entry, events);
  }

  private store(incidentId: string, events: IncidentEvent[]): Entry {
    const last = events.at(-1);
    if (last === undefined) return { events, lastSeq: 0, lastHash: '' };
    const entry = { events: events.map(freeze), lastSeq: last.seq, lastHash: last.hash };
    if (events.length > this.maxEvents) return entry;
    this.drop(incidentId);
    this.held += entry.events.length;
    this.touch(incidentId, entry);
    return entry;
  }

  private extend(incidentId: string, entry: Entry, tail: readonly IncidentEvent[]): Entry {
    const last = tail.at(-1);
    // Another read may have extended the entry meanwhile: only events after its end are added.
    const kept = this.entries.get(incidentId) === entry;
    for (const event of tail) if (event.seq === entry.lastSeq + 1) {
      entry.events.push(freeze(event));
      entry.lastSeq = event.seq;
      entry.lastHash = event.hash;
      if (kept) this.held += 1;
    }
    if (!kept) return entry;
    if ((last !== undefined && entry.lastSeq < last.seq) || entry.events.length > this.maxEvents) this.drop(incidentId);
    else this.touch(incidentId, entry);
    return entry;
  }

  /** Makes the entry the most recently used, then drops the least recently used ones beyond the limits. */
  private touch(incidentId: string, entry: Entry): void {
    this.entries.delete(incidentId);
    this.entries.set(incidentId, entry);
    while (this.entries.size > this.capacity || (this.held > this.maxEvents && this.entries.size > 1)) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
  }

  private drop(incidentId: string): void {
    const entry = this.entries.get(incidentId);
    if (entry === undefined) return;
    this.held -= entry.events.length;
    this.entries.delete(incidentId);
  }

  private since(entry: Entry, afterSeq: number): IncidentEvent[] {
    const { events } = entry;
    // Seqs run 1, 2, 3 … so the event after `afterSeq` is at index `afterSeq`.
    if (afterSeq <= 0) return events.slice();
    return events[afterSeq - 1]?.seq === afterSeq ? events.slice(afterSeq) : events.filter((e) => e.seq > afterSeq);
  }
}

function freeze(event: IncidentEvent): IncidentEvent {
  return Object.freeze(event);
}

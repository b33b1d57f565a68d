/**
 * Test helpers: a deterministic clock and ids, and a harness that keeps an incident's log and summary the way
 * storage does. For tests only (here and in the server's tests); nothing in production imports it.
 */
import { appendToIncident } from './append.command.js';
import { commit, draftEvent, type CommandContext } from './command.js';
import type { IncidentEvent } from './event.js';
import type { AppendInput, OpenIncidentInput } from './input.schema.js';
import { openIncident } from './open.command.js';
import type { IncidentSummary } from './summary.js';

/**
 * Deterministic ids in the canonical lower-case UUID form that storage requires:
 * `00000000-0000-4000-8000-000000000001`, `...0002`, ...
 *
 * @example
 * const newId = sequentialIds(); newId(); // '00000000-0000-4000-8000-000000000001'
 */
export function sequentialIds(): () => string {
  let next = 0;
  return () => `00000000-0000-4000-8000-${(++next).toString(16).padStart(12, '0')}`;
}

/** A harness around one incident: each call appends and keeps the log and summary, as storage would. */
export class IncidentHarness {
  readonly log: IncidentEvent[] = [];
  summary: IncidentSummary;
  private time: number;
  private readonly newId: () => string;

  /**
   * Opens the incident at `start`.
   *
   * @example
   * const h = new IncidentHarness({ title: 'Ransomware', severity: 'critical' });
   * h.append({ type: 'note.added', payload: { text: 'hi' } }, 'user:bob', 60_000);
   */
  constructor(input: OpenIncidentInput, options: { id?: string; actor?: string; start?: string } = {}) {
    this.time = Date.parse(options.start ?? '2021-06-01T13:30:00.000Z');
    this.newId = sequentialIds();
    const opened = openIncident(input, {
      incidentId: options.id ?? 'INC-0001',
      actor: options.actor ?? 'user:alice',
      now: new Date(this.time),
      newId: this.newId,
    });
    this.log.push(...opened.events);
    this.summary = opened.summary;
  }

  /** The context of the next command: `afterMs` after the previous one. */
  context(actor = 'user:alice', afterMs = 60_000): CommandContext {
    this.time += afterMs;
    return { actor, now: new Date(this.time), newId: this.newId };
  }

  /** Appends one entry; returns the new events. Throws what `appendToIncident` throws (and keeps nothing). */
  append(input: AppendInput, actor = 'user:alice', afterMs = 60_000): IncidentEvent[] {
    const result = appendToIncident(this.summary, input, this.context(actor, afterMs), this.log);
    this.log.push(...result.events);
    this.summary = result.summary;
    return result.events;
  }

  /**
   * Appends an event of any type without validation, as a later capability (or an older version) might have
   * written it: for testing that projections survive types and payloads they do not know.
   */
  raw(type: string, payload: unknown, actor = 'system:detect', afterMs = 60_000): IncidentEvent[] {
    const result = commit(this.summary, [draftEvent(this.context(actor, afterMs), type, payload)]);
    this.log.push(...result.events);
    this.summary = result.summary;
    return result.events;
  }
}

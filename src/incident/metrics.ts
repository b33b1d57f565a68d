/** Lifecycle metrics: when the organisation became aware, time spent in each state, time to contain. */
import type { DecodedEvent } from './decode.js';
import { INCIDENT_STATES, isIncidentState, type IncidentState } from './lifecycle.js';

export interface Awareness {
  /** When the organisation became aware: legal notification clocks start here. */
  at: string;
  /** `declared` when given on opening; `opened` when it defaults to the time the incident was opened. */
  source: 'declared' | 'opened';
}

export interface IncidentMetrics {
  /** Milliseconds spent in each state, up to the end of the log (or `asOf`). */
  timeInStateMs: Record<IncidentState, number>;
  /** When the incident first entered each state it has reached. */
  firstEnteredAt: Partial<Record<IncidentState, string>>;
  /** First entry into `contain` minus awareness (or opening); null until contained. */
  timeToContainMs: number | null;
  /** The moment the durations are measured up to. */
  asOf: string;
}

/**
 * Awareness time from the `incident.opened` event.
 *
 * @example
 * awarenessOf(decoded); // { at: '2021-06-01T22:30:00.000Z', source: 'declared' }
 */
export function awarenessOf(events: readonly DecodedEvent[]): Awareness | undefined {
  const opened = events.find((decoded) => decoded.kind === 'incident.opened');
  if (opened?.kind !== 'incident.opened') return undefined;
  const declared = opened.payload.awarenessAt;
  return declared === undefined ? { at: opened.event.at, source: 'opened' } : { at: declared, source: 'declared' };
}

function zeroes(): Record<IncidentState, number> {
  return Object.fromEntries(INCIDENT_STATES.map((state) => [state, 0])) as Record<IncidentState, number>;
}

const ms = (iso: string): number => Date.parse(iso);

/**
 * Metrics of an incident's lifecycle. Durations run up to `asOf` (default: the last event), so an open incident
 * keeps accruing time in its current state when `asOf` is now. Time in states not known here is not counted.
 *
 * @example
 * projectMetrics(decoded, awareness, new Date().toISOString()).timeToContainMs; // 3_600_000
 */
export function projectMetrics(
  events: readonly DecodedEvent[],
  awareness: Awareness | undefined,
  asOf?: string,
): IncidentMetrics {
  const timeInStateMs = zeroes();
  const firstEnteredAt: Partial<Record<IncidentState, string>> = {};
  const first = events[0];
  const end = asOf ?? events[events.length - 1]?.event.at ?? '';
  if (!first) return { timeInStateMs, firstEnteredAt, timeToContainMs: null, asOf: end };
  let state: string = 'detect';
  let since = first.event.at;
  firstEnteredAt.detect = since;
  const leave = (at: string): void => {
    if (isIncidentState(state)) timeInStateMs[state] += Math.max(0, ms(at) - ms(since));
  };
  for (const decoded of events) {
    if (decoded.kind !== 'state.changed') continue;
    leave(decoded.event.at);
    state = decoded.payload.to;
    since = decoded.event.at;
    if (isIncidentState(state)) firstEnteredAt[state] ??= since;
  }
  leave(end);
  const contained = firstEnteredAt.contain;
  const from = awareness?.at ?? first.event.at;
  const timeToContainMs = contained === undefined ? null : ms(contained) - ms(from);
  return { timeInStateMs, firstEnteredAt, timeToContainMs, asOf: end };
}

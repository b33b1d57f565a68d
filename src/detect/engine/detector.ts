/**
 * The streaming detection stage: events in, alerts out. Each event is evaluated by the engine; its matches
 * become alerts and feed the correlations, with the event's own time as the clock. Rules that correlations
 * use are not alerted on their own unless a correlation says `generate: true` (the Sigma default).
 */
import { DEFAULT_TIME_FIELDS, eventTime } from '../fields/event-time.js';
import { normaliseEvent } from '../fields/normalise-event.js';
import { toAlert, type Alert } from './alert.js';
import { Correlator, type CorrelatorOptions } from './correlator.js';
import type { Engine } from './engine.js';
import type { DeclaredSource } from './match.js';

export interface DetectorOptions extends CorrelatorOptions {
  /** Fields holding the event time, tried in order (default: @timestamp, TimeCreated_SystemTime, UtcTime, ...). */
  timeFields?: readonly string[];
}

/**
 * @example
 * const detector = new Detector(engine);
 * for (const event of events) for (const alert of detector.push(event)) send(alert);
 * for (const alert of detector.flush()) send(alert);
 */
export class Detector {
  private readonly correlator: Correlator;
  private readonly silent: ReadonlySet<string>;
  private readonly timeFields: readonly string[];

  constructor(
    private readonly engine: Engine,
    options: DetectorOptions = {},
  ) {
    this.correlator = new Correlator(engine.correlations, engine.rules, options);
    this.timeFields = options.timeFields ?? DEFAULT_TIME_FIELDS;
    const generating = new Set(engine.correlations.filter((c) => c.correlation.generate).flatMap((c) => c.correlation.rules));
    const silent = engine.rules.filter(
      (r) => engine.correlations.some((c) => c.correlation.rules.some((ref) => ref === r.id || ref === r.name)) && !generating.has(r.id) && !(r.name !== undefined && generating.has(r.name)),
    );
    this.silent = new Set(silent.map((r) => r.id));
  }

  /** Evaluates one event; returns its alerts and those of correlations it completes. */
  push(event: unknown, declared?: DeclaredSource): Alert[] {
    const matches = this.engine.evaluate(event, declared);
    if (matches.length === 0) {
      const record = this.correlator.needsClock ? normaliseEvent(event) : undefined;
      const time = record === undefined ? undefined : eventTime(record, this.timeFields);
      return time === undefined ? [] : this.correlator.advance(time);
    }
    const time = eventTime(matches[0]!.record, this.timeFields);
    const alerts: Alert[] = [];
    for (const match of matches) {
      if (!this.silent.has(match.rule.id)) alerts.push(toAlert(match, time));
      alerts.push(...this.correlator.push(match, time));
    }
    return alerts;
  }

  /** Moves the correlation clock without an event (e.g. on a timer fed by the event stream's time). */
  advance(time: number): Alert[] {
    return this.correlator.advance(time);
  }

  /** Ends the stream: decides every open correlation window. */
  flush(): Alert[] {
    return this.correlator.flush();
  }
}

/**
 * One event through detection, as the server runs it for intake and for hunts: the streaming detector (rule
 * matches, and correlations on the events' own clock) and the indicator indexes (one probe per candidate
 * value). What is found is reported with the rule's summary and a way to build the alert, so that a hunt can
 * count everything while building only the alerts it returns.
 */
import { randomUUID } from 'node:crypto';
import { eventTime, matchEvent, normaliseEvent, type Alert as DetectAlert, type DeclaredSource, type Detector, type IndicatorIndex } from '../detect/index.js';
import { alertFromDetection, alertFromIndicator, distinctHits, indicatorAuthor, indicatorLevel, indicatorTitle, type Alert, type AlertLevel, type Locate } from '../intake/index.js';

export interface RuleSummary {
  id: string;
  title: string;
  level: AlertLevel;
  author: string;
}

export interface Found {
  kind: 'match' | 'correlation' | 'indicator';
  rule: RuleSummary;
  build: () => Alert;
}

/** An indicator index and the level its sets ask for (undefined: from the indicator's confidence). */
export interface IndicatorSource {
  index: IndicatorIndex;
  levelOf: (set: string | undefined) => AlertLevel | undefined;
}

export interface RunContext {
  receivedAt: string;
  /** Indicators past their valid_until at this moment (ms) do not match. */
  now: number;
  locate: Locate;
  indicators: readonly IndicatorSource[];
}

function fromDetection(found: DetectAlert, ctx: RunContext): Found {
  return {
    kind: found.kind,
    rule: { id: found.ruleId, title: found.title, level: found.level, author: found.author },
    build: () => alertFromDetection(found, { id: randomUUID(), receivedAt: ctx.receivedAt, locate: ctx.locate }),
  };
}

function matchIndicators(event: unknown, ctx: RunContext, emit: (found: Found) => void): void {
  if (ctx.indicators.every((s) => s.index.size === 0)) return;
  const record = normaliseEvent(event);
  if (record === undefined) return;
  let at: string | undefined;
  for (const source of ctx.indicators) {
    if (source.index.size === 0) continue;
    for (const hit of distinctHits(matchEvent(source.index, record, { now: ctx.now }))) {
      const setLevel = source.levelOf(hit.indicator.origin.set);
      const rule = { id: `ioc:${hit.indicator.id}`, title: indicatorTitle(hit), level: indicatorLevel(hit.indicator.confidence, setLevel), author: indicatorAuthor(hit) };
      if (at === undefined) {
        const time = eventTime(record);
        at = time === undefined ? ctx.receivedAt : new Date(time).toISOString();
      }
      const when = at;
      emit({ kind: 'indicator', rule, build: () => alertFromIndicator(hit, record, event, { id: randomUUID(), receivedAt: ctx.receivedAt, locate: ctx.locate }, { at: when, ...(setLevel ? { setLevel } : {}) }) });
    }
  }
}

/** Runs one event: rule matches and correlations it completes, then indicator hits. */
export function runEvent(detector: Detector, event: unknown, declared: DeclaredSource | undefined, ctx: RunContext, emit: (found: Found) => void): void {
  for (const found of detector.push(event, declared)) emit(fromDetection(found, ctx));
  matchIndicators(event, ctx, emit);
}

/** Ends a stream (a hunt): the correlation windows still open are decided. */
export function flushDetector(detector: Detector, ctx: RunContext, emit: (found: Found) => void): void {
  for (const found of detector.flush()) emit(fromDetection(found, ctx));
}

/**
 * What `firebreak hunt` prints for each detection: a table row (time, host, level, rule, ATT&CK, author) and a
 * JSON line, for rule matches, correlations (with the events that formed them) and indicator hits (with the
 * indicator's creator as the author).
 */
import { eventTime, normaliseEvent, type Alert as DetectAlert, type IocHit } from '../../detect/index.js';
import { attackOf, indicatorAuthor, indicatorLevel, indicatorTitle, reportedHost, type AlertLevel } from '../../intake/index.js';

export const COLUMNS = ['TIME', 'HOST', 'LEVEL', 'RULE', 'ATTACK', 'AUTHOR'];
export const WIDTHS = [24, 16, 13, 56, 22, 0];

/** Most contributing events printed with a correlation in JSON lines. */
const MAX_CORRELATION_EVENTS = 100;

export interface Row {
  time: string;
  host: string;
  level: AlertLevel;
  rule: string;
  attack: string;
  author: string;
}

export interface Detection {
  id: string;
  row: Row;
  /** The JSON line (without the file, which the caller adds). */
  json: Record<string, unknown>;
}

function hostOf(event: unknown): string | undefined {
  const record = normaliseEvent(event);
  return record === undefined ? undefined : reportedHost(record);
}

/** A rule match or a correlation from the detector. */
export function detectionRow(a: DetectAlert): Detection {
  const c = a.correlation;
  const host = c ? (reportedHost(c.group) ?? c.events.map(hostOf).find((h) => h !== undefined)) : hostOf(a.event);
  const row: Row = { time: a.time ?? '', host: host ?? '', level: a.level, rule: a.title, attack: attackOf(a.tags).techniques.join(','), author: a.author };
  if (!c) return { id: a.ruleId, row, json: { ...row, kind: 'match', ruleId: a.ruleId, tags: a.tags, event: a.event } };
  const correlation = { ...c, events: c.events.slice(0, MAX_CORRELATION_EVENTS), eventCount: c.events.length };
  return { id: a.ruleId, row, json: { ...row, kind: 'correlation', ruleId: a.ruleId, tags: a.tags, correlation } };
}

/** An indicator hit on an event: the indicator's creator stands where a rule's author would. */
export function indicatorRow(hit: IocHit, record: Readonly<Record<string, unknown>>, event: unknown): Detection {
  const time = eventTime(record);
  const row: Row = {
    time: time === undefined ? '' : new Date(time).toISOString(),
    host: reportedHost(record) ?? '',
    level: indicatorLevel(hit.indicator.confidence, undefined),
    rule: indicatorTitle(hit),
    attack: '',
    author: indicatorAuthor(hit),
  };
  return { id: `ioc:${hit.indicator.id}`, row, json: { ...row, kind: 'indicator', indicator: hit.indicator, field: hit.field, value: hit.value, event } };
}

/**
 * Alerts from what detection found: a Sigma rule match, a correlation (with the events that formed it), or an
 * indicator hit (with the indicator's creator where a rule's author would be). Pure: the alert id, the time of
 * receipt and the estate lookup are passed in.
 */
import { normaliseEvent, type Alert as DetectAlert, type IocHit } from '../detect/index.js';
import { attackOf, boundedEvent, MAX_EVENT_BYTES, reportedHost, type Alert, type AlertLevel } from './alert.js';

/** Where a reported host name sits in the estate, when it is known there. */
export type Locate = (host: string | undefined) => { host: string; entity: string; segment: string } | undefined;

export interface AlertContext {
  id: string;
  receivedAt: string;
  locate: Locate;
}

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

function placed(reported: string | undefined, locate: Locate): Pick<Alert, 'hostReported' | 'host' | 'entity' | 'segment'> {
  const where = locate(reported);
  return { hostReported: reported === undefined ? null : clip(reported, 255), host: where?.host ?? null, entity: where?.entity ?? null, segment: where?.segment ?? null };
}

function hostOf(event: unknown): string | undefined {
  const record = normaliseEvent(event);
  return record === undefined ? undefined : reportedHost(record);
}

/**
 * As many whole events as fit in MAX_EVENT_BYTES of JSON (at least the first, cut if it must be); `truncated`
 * says that some were left out or cut.
 *
 * @example
 * boundedEvents([a, b, c]); // { event: [a, b, c], truncated: false } when small
 */
export function boundedEvents(events: readonly unknown[]): { event: unknown[]; truncated: boolean } {
  const kept: unknown[] = [];
  let size = 2;
  for (const event of events) {
    const length = (JSON.stringify(event) ?? 'null').length + 1;
    if (kept.length > 0 && size + length > MAX_EVENT_BYTES) return { event: kept, truncated: true };
    if (kept.length === 0 && length > MAX_EVENT_BYTES) return { event: [boundedEvent(event).event], truncated: true };
    kept.push(event);
    size += length;
  }
  return { event: kept, truncated: false };
}

function ruleOf(a: DetectAlert): Alert['rule'] {
  return {
    id: clip(a.ruleId, 200),
    title: clip(a.title, 500),
    level: a.level,
    author: clip(a.author, 1000),
    tags: a.tags.slice(0, 100).map((t) => clip(t, 200)),
    references: a.references.slice(0, 50).map((r) => clip(r, 2000)),
  };
}

/**
 * The alert for what the streaming detector reported: a rule match (with its event) or a correlation (with
 * its group, count and the first events that formed it). The host is the correlation's group-by host, or
 * else that of its first event.
 *
 * @example
 * for (const found of detector.push(event)) alerts.push(alertFromDetection(found, { id: randomUUID(), receivedAt, locate }));
 */
export function alertFromDetection(found: DetectAlert, ctx: AlertContext): Alert {
  const { techniques, tactics } = attackOf(found.tags);
  const base = { id: ctx.id, at: found.time ?? ctx.receivedAt, receivedAt: ctx.receivedAt, source: 'sigma' as const, rule: ruleOf(found), techniques, tactics };
  const c = found.correlation;
  if (found.kind === 'match' || c === undefined) {
    const { event, truncated } = boundedEvent(found.event);
    return { ...base, ...placed(hostOf(found.event), ctx.locate), event, truncated };
  }
  const { event, truncated } = boundedEvents(c.events);
  const reported = reportedHost(c.group) ?? c.events.map(hostOf).find((h) => h !== undefined);
  const group = Object.fromEntries(Object.entries(c.group).slice(0, 20).map(([k, v]) => [clip(k, 200), v === null ? null : clip(v, 2000)]));
  const correlation = { type: c.type, group, count: c.count, timespanMs: c.timespanMs, rules: c.rules.slice(0, 100).map((r) => clip(r, 200)), events: c.events.length, ...(c.firstTime ? { firstAt: c.firstTime } : {}) };
  return { ...base, ...placed(reported, ctx.locate), event, truncated, correlation };
}

/**
 * The level of an indicator alert: the set's own level when it has one, otherwise from the indicator's
 * confidence (none given or 50 and more: high; 15 to 49: medium; below: low).
 *
 * @example
 * indicatorLevel(undefined, undefined); // 'high'
 */
export function indicatorLevel(confidence: number | undefined, setLevel: AlertLevel | undefined): AlertLevel {
  if (setLevel !== undefined) return setLevel;
  if (confidence === undefined || confidence >= 50) return 'high';
  return confidence >= 15 ? 'medium' : 'low';
}

/** What a hit is called: `IOC sha256 <value> (<name>)`, the same in hunts and alerts. */
export function indicatorTitle(hit: IocHit): string {
  const i = hit.indicator;
  return `IOC ${i.type} ${clip(hit.matched, 200)}${i.name ? ` (${i.name})` : ''}`;
}

/** Who made an indicator: the STIX identity, the MISP organisation, the CSV source, or else where it came from. */
export function indicatorAuthor(hit: IocHit): string {
  const o = hit.indicator.origin;
  return o.author ?? o.authorRef ?? (o.set !== undefined ? `indicator set ${o.set}` : undefined) ?? o.file ?? `${o.format} indicators`;
}

/**
 * The alert for an indicator hit on an event: the indicator's id, name and creator stand where a rule's id,
 * title and author would; the matched field and value are kept in `indicator`.
 *
 * @example
 * alertFromIndicator(hit, record, event, { id, receivedAt, locate }, { at, setLevel: 'critical' });
 */
export function alertFromIndicator(hit: IocHit, record: Readonly<Record<string, unknown>>, original: unknown, ctx: AlertContext, options: { at?: string; setLevel?: AlertLevel } = {}): Alert {
  const i = hit.indicator;
  const labels = i.labels.slice(0, 100).map((t) => clip(t, 200));
  const references = [i.origin.set ? `indicator set ${i.origin.set}` : i.origin.file, i.origin.collectionName ?? i.origin.collection].filter((r): r is string => r !== undefined).map((r) => clip(r, 2000));
  const { event, truncated } = boundedEvent(original);
  const indicator = {
    id: clip(i.id, 300),
    type: i.type,
    value: clip(i.value, 8192),
    field: clip(hit.field, 500),
    fieldValue: clip(hit.value, 8192),
    matched: clip(hit.matched, 8192),
    format: i.origin.format,
    ...(i.name ? { name: clip(i.name, 500) } : {}),
    ...(i.origin.set ? { set: i.origin.set } : {}),
    ...(i.confidence !== undefined ? { confidence: i.confidence } : {}),
    ...(i.validUntil ? { validUntil: clip(i.validUntil, 60) } : {}),
  };
  return {
    id: ctx.id,
    at: options.at ?? ctx.receivedAt,
    receivedAt: ctx.receivedAt,
    source: 'ioc',
    rule: { id: clip(`ioc:${i.id}`, 200), title: clip(indicatorTitle(hit), 500), level: indicatorLevel(i.confidence, options.setLevel), author: clip(indicatorAuthor(hit), 1000), tags: labels, references },
    ...attackOf(labels),
    ...placed(reportedHost(record), ctx.locate),
    event,
    truncated,
    indicator,
  };
}

/**
 * Indicator hits of one event, one per indicator (an indicator matching several fields, or several OR branches
 * of one STIX pattern, is one alert).
 */
export function distinctHits(hits: readonly IocHit[]): IocHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => !seen.has(hit.indicator.id) && seen.add(hit.indicator.id) !== undefined);
}

/**
 * Alerts: one rule (Sigma, an indicator, or another tool through a webhook) matching one event, as plain data
 * that goes into an incident's log. The rule's author is kept on every alert: the Detection Rule License 1.1
 * requires it for SigmaHQ rules.
 */
import { z } from 'zod';

export const alertLevelSchema = z.enum(['informational', 'low', 'medium', 'high', 'critical']);
export type AlertLevel = z.infer<typeof alertLevelSchema>;

/** Largest event kept on an alert, as JSON text; larger events are cut and marked. */
export const MAX_EVENT_BYTES = 16 * 1024;

export const indicatorFactsSchema = z.object({
  id: z.string().max(300),
  type: z.string().max(40),
  /** The indicator's value (normalised: lower-case hex, canonical address or network, ...). */
  value: z.string().max(8192),
  name: z.string().max(500).optional(),
  /** The event field that matched (a dotted path when nested), its text, and the normalised candidate. */
  field: z.string().max(500),
  fieldValue: z.string().max(8192),
  matched: z.string().max(8192),
  /** The indicator set it came from (server) and the feed's own data. */
  set: z.string().max(200).optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  validUntil: z.string().max(60).optional(),
  format: z.enum(['stix', 'misp', 'csv']),
});
export type IndicatorFacts = z.infer<typeof indicatorFactsSchema>;

export const correlationFactsSchema = z.object({
  type: z.string().max(40),
  /** The group-by values of the group that fired. */
  group: z.record(z.string(), z.string().max(2000).nullable()),
  count: z.number().int(),
  timespanMs: z.number(),
  firstAt: z.string().max(40).optional(),
  /** Ids of the rules whose matches formed it, and how many events (the first are kept as `event`). */
  rules: z.array(z.string().max(200)).max(100),
  events: z.number().int(),
});
export type CorrelationFacts = z.infer<typeof correlationFactsSchema>;

export const alertSchema = z.object({
  id: z.string().uuid(),
  /** When the event happened (its own timestamp), or when it was received if it has none. */
  at: z.string(),
  receivedAt: z.string(),
  /** `firebreak`: raised by Firebreak itself (a response action that failed), not a detection. */
  source: z.enum(['sigma', 'ioc', 'webhook', 'firebreak']),
  rule: z.object({
    id: z.string().max(200),
    title: z.string().max(500),
    level: alertLevelSchema,
    author: z.string().max(1000),
    tags: z.array(z.string().max(200)).max(100),
    references: z.array(z.string().max(2000)).max(50).default([]),
  }),
  /** ATT&CK technique ids (`T1059.001`) and tactics (`execution`) from the rule's tags. */
  techniques: z.array(z.string().max(20)).max(100),
  tactics: z.array(z.string().max(60)).max(50),
  /** The host the event came from, as named in the event, and as found in the estate. */
  hostReported: z.string().max(255).nullable(),
  host: z.string().max(80).nullable(),
  entity: z.string().max(80).nullable(),
  segment: z.string().max(80).nullable(),
  /** The matching event (cut to MAX_EVENT_BYTES of JSON; `truncated` says so); for a correlation, its events. */
  event: z.unknown(),
  truncated: z.boolean().default(false),
  /** Indicator alerts (`source: 'ioc'`): which indicator matched which field of the event. */
  indicator: indicatorFactsSchema.optional(),
  /** Correlation alerts: the correlation's type, group and count, and the rules whose matches formed it. */
  correlation: correlationFactsSchema.optional(),
});
export type Alert = z.infer<typeof alertSchema>;

const TACTICS = new Set([
  'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation',
  'defense-evasion', 'stealth', 'defense-impairment', 'credential-access', 'discovery', 'lateral-movement',
  'collection', 'command-and-control', 'exfiltration', 'impact',
]);

/**
 * Splits Sigma-style ATT&CK tags into technique ids and tactics.
 *
 * @example
 * attackOf(['attack.execution', 'attack.t1059.001']); // { techniques: ['T1059.001'], tactics: ['execution'] }
 */
export function attackOf(tags: readonly string[]): { techniques: string[]; tactics: string[] } {
  const techniques = new Set<string>();
  const tactics = new Set<string>();
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const rest = lower.slice('attack.'.length);
    if (/^t\d{4}(\.\d{3})?$/.test(rest)) techniques.add(rest.toUpperCase());
    else if (TACTICS.has(rest.replace(/_/g, '-'))) tactics.add(rest.replace(/_/g, '-'));
  }
  return { techniques: [...techniques].sort(), tactics: [...tactics].sort() };
}

/** The event as kept on an alert: whole when small, otherwise its JSON text cut to the limit. */
export function boundedEvent(event: unknown): { event: unknown; truncated: boolean } {
  const text = JSON.stringify(event) ?? 'null';
  if (text.length <= MAX_EVENT_BYTES) return { event, truncated: false };
  return { event: { truncatedJson: text.slice(0, MAX_EVENT_BYTES) }, truncated: true };
}

const HOST_FIELDS = ['Computer', 'ComputerName', 'Hostname', 'hostname', 'host.name', 'host.hostname', 'DeviceName', 'device_name', 'Workstation', 'computer_name'];

/**
 * The host an event names, lower-cased and without its DNS domain (`WS5.corp.local` -> `ws5`).
 *
 * @example
 * reportedHost({ Computer: 'TYO-WS001.hikari.local' }); // 'tyo-ws001'
 */
export function reportedHost(record: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of HOST_FIELDS) {
    let value: unknown = record[field];
    if (value === undefined && field.includes('.')) {
      value = field.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), record);
    }
    if (typeof value === 'string' && value.trim() !== '') return value.trim().toLowerCase().split('.')[0];
  }
  return undefined;
}

const LEVEL_RANK: Record<AlertLevel, number> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The incident severity an alert of this level calls for. */
export function severityForLevel(level: AlertLevel): 'low' | 'medium' | 'high' | 'critical' {
  return level === 'informational' ? 'low' : level;
}

export function levelRank(level: AlertLevel): number {
  return LEVEL_RANK[level];
}

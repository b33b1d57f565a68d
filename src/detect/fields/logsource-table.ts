/**
 * The logsource mapping table: which events a rule's `logsource` (product, category, service) applies to.
 * It is data (windows.logsources.json), validated with zod, and users extend it with their own table in the
 * same format; their entries take precedence over built-in ones with the same product/category/service.
 */
import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import builtin from './windows.logsources.json' with { type: 'json' };
import type { Logsource } from '../sigma/types.js';

const scalar = z.union([z.string(), z.number()]);

/** One way a log source shows up in events: channel(s), event id(s), other field values, field fallbacks. */
const alternativeSchema = z.strictObject({
  /** Channel names (case-insensitive), or "*" for any event that has a channel. Absent: no condition. */
  channel: z.union([z.literal('*'), z.array(z.string()).min(1)]).optional(),
  eventId: z.array(z.number().int()).min(1).optional(),
  /** Further conditions: field -> accepted values (case-insensitive text). */
  conditions: z.record(z.string(), z.array(scalar).min(1)).optional(),
  /** Field read when the rule's field is absent in these events (e.g. Image -> NewProcessName). */
  fallbacks: z.record(z.string(), z.string()).optional(),
});

const sourceSchema = z.strictObject({
  product: z.string().optional(),
  category: z.string().optional(),
  service: z.string().optional(),
  when: z.array(alternativeSchema).min(1),
});

export const logsourceTableSchema = z.strictObject({
  description: z.string().optional(),
  version: z.literal(1),
  /** The event fields that hold the channel and the event id. */
  channelField: z.string().default('Channel'),
  eventIdField: z.string().default('EventID'),
  sources: z.array(sourceSchema),
});

export type LogsourceTable = z.infer<typeof logsourceTableSchema>;
export type LogsourceTableInput = z.input<typeof logsourceTableSchema>;
export type SourceAlternative = z.infer<typeof alternativeSchema>;
type SourceEntry = z.infer<typeof sourceSchema>;

/**
 * Validates a table (e.g. read from a user's file). Throws a UserError naming each bad field.
 *
 * @example
 * const table = parseLogsourceTable(JSON.parse(text), 'my-sources.json');
 */
export function parseLogsourceTable(input: unknown, file = 'logsource table'): LogsourceTable {
  const result = logsourceTableSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ file, field: i.path.join('.'), message: i.message }));
  throw new UserError('validation_failed', `${file}: the logsource table is not valid`, issues);
}

/** The built-in Windows table (Sysmon, Security, PowerShell and about 50 other channels). */
export const WINDOWS_LOGSOURCES: LogsourceTable = parseLogsourceTable(builtin, 'windows.logsources.json');

/**
 * The user's table over the built-in one: an entry replaces the built-in entry with the same key.
 *
 * @example
 * const table = mergeLogsourceTables(WINDOWS_LOGSOURCES, mine);
 */
export function mergeLogsourceTables(base: LogsourceTable, over: LogsourceTable): LogsourceTable {
  const keyOf = (s: SourceEntry): string => `${s.product ?? ''}/${s.category ?? ''}/${s.service ?? ''}`.toLowerCase();
  const replaced = new Set(over.sources.map(keyOf));
  return { ...base, sources: [...over.sources, ...base.sources.filter((s) => !replaced.has(keyOf(s)))] };
}

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

function find(table: LogsourceTable, product: string | undefined, key: 'category' | 'service', value: string): SourceEntry | undefined {
  const candidates = table.sources.filter((s) => same(s[key], value) && (key === 'category' ? !s.service : !s.category));
  return candidates.find((s) => same(s.product, product)) ?? candidates.find((s) => s.product === undefined);
}

function intersectChannels(a: SourceAlternative['channel'], b: SourceAlternative['channel']): SourceAlternative['channel'] | null {
  if (a === undefined || a === '*') return b ?? a;
  if (b === undefined || b === '*') return a;
  const lower = new Set(b.map((c) => c.toLowerCase()));
  const both = a.filter((c) => lower.has(c.toLowerCase()));
  return both.length > 0 ? both : null;
}

function combine(a: SourceAlternative, b: SourceAlternative): SourceAlternative | null {
  const channel = intersectChannels(a.channel, b.channel);
  if (channel === null) return null;
  const eventId = a.eventId && b.eventId ? a.eventId.filter((id) => b.eventId!.includes(id)) : (a.eventId ?? b.eventId);
  if (eventId && eventId.length === 0) return null;
  const out: SourceAlternative = { conditions: { ...b.conditions, ...a.conditions }, fallbacks: { ...b.fallbacks, ...a.fallbacks } };
  if (channel !== undefined) out.channel = channel;
  if (eventId !== undefined) out.eventId = eventId;
  return out;
}

/**
 * The event conditions for a rule's logsource, or undefined when the table does not know it (such rules only
 * apply to events whose log source the caller declares).
 *
 * @example
 * resolveLogsource(WINDOWS_LOGSOURCES, { product: 'windows', category: 'process_creation' });
 * // [{ channel: ['Microsoft-Windows-Sysmon/Operational'], eventId: [1] }, { channel: ['Security'], eventId: [4688], ... }]
 */
export function resolveLogsource(table: LogsourceTable, logsource: Logsource): SourceAlternative[] | undefined {
  const { product, category, service } = logsource;
  const parts: SourceEntry[] = [];
  for (const [key, value] of [['category', category], ['service', service]] as const) {
    if (value === undefined) continue;
    const entry = find(table, product, key, value);
    if (!entry) return undefined;
    parts.push(entry);
  }
  if (parts.length === 0) {
    const entry = table.sources.find((s) => same(s.product, product) && !s.category && !s.service && product !== undefined);
    return entry?.when;
  }
  let alternatives = parts[0]!.when;
  for (const part of parts.slice(1)) {
    alternatives = alternatives.flatMap((a) => part.when.map((b) => combine(a, b)).filter((x): x is SourceAlternative => x !== null));
  }
  return alternatives;
}

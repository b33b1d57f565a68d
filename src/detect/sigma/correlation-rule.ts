/**
 * Correlation rules (Sigma 2.0 meta-rules): event_count, value_count, temporal and temporal_ordered over the
 * matches of other rules, grouped by fields, within a timespan.
 */
import { compact } from './meta.js';
import { ruleError } from './problems.js';
import type { Correlation, CorrelationType, CountCondition } from './types.js';

const TYPES: readonly CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered'];
const BOUNDS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PATH = ['correlation'];

/**
 * Parses a timespan such as `90s`, `5m`, `1h`, `1d`, `2w` into milliseconds.
 *
 * @example
 * parseTimespan('5m'); // 300000
 */
export function parseTimespan(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d+)([smhdw])$/.exec(value.trim()) : null;
  if (!match) throw ruleError(`timespan "${String(value)}" is not a number and a unit`, [...PATH, 'timespan'], 'write e.g. 30s, 5m, 1h or 1d');
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function strings(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  throw ruleError(`"${key}" must be a string or a list of strings`, [...PATH, key]);
}

function parseCondition(value: unknown, type: CorrelationType, ruleCount: number): { condition: CountCondition; fields: string[] } {
  const path = [...PATH, 'condition'];
  if (value === undefined && (type === 'temporal' || type === 'temporal_ordered')) {
    return { condition: { gte: ruleCount }, fields: [] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ruleError('the correlation condition must be a map such as { gte: 10 }', path);
  }
  const map = value as Record<string, unknown>;
  const condition: CountCondition = {};
  for (const [key, bound] of Object.entries(map)) {
    if (key === 'field') continue;
    if (!(BOUNDS as readonly string[]).includes(key)) {
      throw ruleError(`unknown correlation condition "${key}"`, [...path, key], `use ${BOUNDS.join(', ')} (two bounds form a range)`);
    }
    if (typeof bound !== 'number' || !Number.isFinite(bound)) throw ruleError(`"${key}" must be a number`, [...path, key]);
    condition[key as (typeof BOUNDS)[number]] = bound;
  }
  if (Object.keys(condition).length === 0) throw ruleError('the correlation condition has no bound', path, 'add e.g. gte: 10');
  const fields = strings(map['field'], 'condition.field');
  if (type === 'value_count' && fields.length === 0) throw ruleError('value_count needs condition.field', path);
  return { condition, fields };
}

function parseAliases(value: unknown): Map<string, Map<string, string>> {
  const aliases = new Map<string, Map<string, string>>();
  if (value === undefined || value === null) return aliases;
  if (typeof value !== 'object' || Array.isArray(value)) throw ruleError('"aliases" must be a map', [...PATH, 'aliases']);
  for (const [alias, perRule] of Object.entries(value as Record<string, unknown>)) {
    if (typeof perRule !== 'object' || perRule === null || Array.isArray(perRule)) {
      throw ruleError(`alias "${alias}" must map rule names to field names`, [...PATH, 'aliases', alias]);
    }
    aliases.set(alias, new Map(Object.entries(perRule as Record<string, unknown>).map(([r, f]) => [r, String(f)])));
  }
  return aliases;
}

/**
 * Parses the `correlation` section; `generate` may sit inside it or at the top of the document.
 *
 * @example
 * parseCorrelation({ type: 'event_count', rules: ['a'], 'group-by': ['User'], timespan: '1h', condition: { gte: 5 } }, undefined);
 */
export function parseCorrelation(section: unknown, topGenerate: unknown): Correlation {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) throw ruleError('"correlation" must be a map', PATH);
  const map = section as Record<string, unknown>;
  const type = map['type'];
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    throw ruleError(`unsupported correlation type "${String(type)}"`, [...PATH, 'type'], `use one of ${TYPES.join(', ')}`);
  }
  const rules = strings(map['rules'], 'rules');
  if (rules.length === 0) throw ruleError('the correlation refers to no rules', [...PATH, 'rules']);
  const { condition, fields } = parseCondition(map['condition'], type as CorrelationType, rules.length);
  const generate = map['generate'] ?? topGenerate ?? false;
  if (typeof generate !== 'boolean') throw ruleError('"generate" must be true or false', [...PATH, 'generate']);
  return compact<Correlation>({
    type: type as CorrelationType,
    rules,
    groupBy: strings(map['group-by'], 'group-by'),
    timespanMs: parseTimespan(map['timespan'] ?? map['timeframe']),
    condition,
    valueFields: fields,
    aliases: parseAliases(map['aliases']),
    generate,
  });
}

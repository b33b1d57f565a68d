/**
 * A deliberately simple reference evaluator for property tests: it walks the parsed rule (searches, items,
 * values, condition) for one event with no prefilter, no grouping of patterns, no index and no caching, and
 * turns every Sigma string into a regular expression. The compiled engine must agree with it.
 */
import { scalarText } from './fields/event-view.js';
import { ONE, STAR, type SigmaString } from './sigma/sigma-string.js';
import type { Condition, Detection, FieldItem, Value } from './sigma/types.js';

type Event = Readonly<Record<string, unknown>>;

function patternRegex(pattern: SigmaString, cased: boolean): RegExp {
  const body = pattern
    .map((part) => {
      if (part === STAR) return '[\\s\\S]*';
      if (part === ONE) return '[\\s\\S]';
      const text = cased ? part : part.toLowerCase();
      return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return undefined;
}

function valueMatches(value: Value, raw: unknown, cased: boolean): boolean {
  const text = scalarText(raw);
  switch (value.kind) {
    case 'string':
      return text !== undefined && patternRegex(value.value, cased).test(cased ? text : text.toLowerCase());
    case 'number':
    case 'boolean':
      return text !== undefined && (cased ? text : text.toLowerCase()) === String(value.value).toLowerCase();
    case 'null':
      return raw === undefined || raw === null;
    case 'exists':
      return (raw !== undefined) === value.value;
    case 'regex': {
      // `u`: case-insensitive matching by Unicode case folding (KELVIN SIGN is k), as RE2 and PCRE do.
      const flags = `u${value.flags.ignoreCase ? 'i' : ''}${value.flags.multiline ? 'm' : ''}${value.flags.dotAll ? 's' : ''}`;
      return text !== undefined && new RegExp(value.source, flags).test(text);
    }
    case 'compare': {
      const n = toNumber(raw);
      if (n === undefined) return false;
      return { lt: n < value.value, lte: n <= value.value, gt: n > value.value, gte: n >= value.value }[value.op];
    }
    default:
      throw new Error(`the reference evaluator does not model ${value.kind}`);
  }
}

function scalarMatches(item: FieldItem, raw: unknown): boolean {
  const entry = (variants: readonly Value[]): boolean => variants.some((v) => valueMatches(v, raw, item.cased));
  return item.all ? item.values.every(entry) : item.values.some(entry);
}

function itemMatches(item: FieldItem, event: Event): boolean {
  if (item.field === null) {
    const scalars = Object.values(event).flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v])).filter((v) => typeof v !== 'object');
    const entry = (variants: readonly Value[]): boolean => scalars.some((raw) => variants.some((v) => valueMatches(v, raw, item.cased)));
    const found = item.all ? item.values.every(entry) : item.values.some(entry);
    return item.negate ? !found : found;
  }
  const raw = event[item.field];
  const found = Array.isArray(raw) ? (raw as unknown[]).some((el) => scalarMatches(item, el)) : scalarMatches(item, raw);
  if (!item.negate) return found;
  return raw !== undefined && raw !== null && !found;
}

function conditionHolds(condition: Condition, detection: Detection, event: Event): boolean {
  switch (condition.kind) {
    case 'ref':
      return detection.searches.get(condition.name)!.alternatives.some((items) => items.every((i) => itemMatches(i, event)));
    case 'and':
      return condition.items.every((c) => conditionHolds(c, detection, event));
    case 'or':
      return condition.items.some((c) => conditionHolds(c, detection, event));
    case 'not':
      return !conditionHolds(condition.item, detection, event);
    case 'const':
      return condition.value;
  }
}

/**
 * Whether the detection matches the (flat) event.
 *
 * @example
 * referenceMatches(rule.detection, { Image: 'C:\\x\\cmd.exe' });
 */
export function referenceMatches(detection: Detection, event: Event): boolean {
  return conditionHolds(detection.condition, detection, event);
}

/**
 * Prefilter requirements: for each rule, a set of (field, literal) needs such that whenever the rule matches,
 * at least one need holds. The engine only evaluates a rule when one of its needs was seen in the event (or
 * when the rule has no usable requirement). Derived from the condition: `and` keeps its most selective side,
 * `or` unites both sides, `not` gives up (no requirement).
 */
import type { FieldRegistry } from '../fields/event-view.js';
import { STAR, type SigmaString } from '../sigma/sigma-string.js';
import type { Condition, Detection, FieldItem, Search, Value } from '../sigma/types.js';
import { requiredLiteral } from './regex.js';
import { shapeOf } from './string-matcher.js';

/** The pseudo-slot for keywords: the literal may be in any value of the event. */
export const ANY_FIELD = -1;

/**
 * One need: the field's lower-cased text equals `text`, or contains the ASCII literal `text` (lower case).
 */
export interface Need {
  kind: 'equals' | 'contains';
  slot: number;
  text: string;
}

/** Needs of which at least one holds whenever the rule matches; undefined when nothing is certain. */
export type Requirement = readonly Need[] | undefined;

/** Shortest literal worth a prefilter entry; shorter ones would hit almost every event. */
export const MIN_LITERAL = 3;

/**
 * The longest run of ASCII characters of the lower-cased text (non-ASCII characters break runs, so that the
 * prefilter, which folds only ASCII letters, stays exact).
 *
 * @example
 * asciiRun('C:\\Windows\\Ünïcode'); // 'c:\\windows\\'
 */
export function asciiRun(text: string): string {
  let best = '';
  for (const run of text.toLowerCase().split(/[^\x00-\x7f]+/)) if (run.length > best.length) best = run;
  return best;
}

function patternNeed(pattern: SigmaString, slot: number): Need | undefined {
  const shape = shapeOf(pattern);
  const literal = pattern.find((p): p is string => typeof p === 'string');
  if (shape === 'equals' && literal !== undefined && slot !== ANY_FIELD) return { kind: 'equals', slot, text: literal.toLowerCase() };
  if (shape === 'equals' && pattern.length === 0 && slot !== ANY_FIELD) return { kind: 'equals', slot, text: '' };
  let best = '';
  for (const part of pattern) if (part !== STAR && typeof part === 'string' && asciiRun(part).length > best.length) best = asciiRun(part);
  return best.length >= MIN_LITERAL ? { kind: 'contains', slot, text: best } : undefined;
}

function valueNeed(value: Value, slot: number): Need | undefined {
  switch (value.kind) {
    case 'string':
      return patternNeed(value.value, slot);
    case 'number':
    case 'boolean':
      return slot === ANY_FIELD ? undefined : { kind: 'equals', slot, text: String(value.value) };
    case 'regex': {
      const literal = asciiRun(requiredLiteral(value.source));
      return literal.length >= MIN_LITERAL ? { kind: 'contains', slot, text: literal } : undefined;
    }
    default:
      return undefined;
  }
}

function union(parts: readonly Requirement[]): Requirement {
  const out: Need[] = [];
  for (const part of parts) {
    if (part === undefined) return undefined;
    out.push(...part);
  }
  return out;
}

function score(req: Requirement): number {
  if (req === undefined) return -1;
  let min = Infinity;
  for (const need of req) min = Math.min(min, need.text.length + (need.kind === 'equals' ? 4 : 0));
  return min === Infinity ? 0 : min * 1000 - req.length;
}

/** The most selective requirement of an AND. */
function best(parts: readonly Requirement[]): Requirement {
  let chosen: Requirement;
  for (const part of parts) if (score(part) > score(chosen)) chosen = part;
  return chosen;
}

function itemRequirement(item: FieldItem, registry: FieldRegistry): Requirement {
  if (item.negate) return undefined;
  const slot = item.field === null ? ANY_FIELD : registry.slot(item.field);
  const entries = item.values.map((variants) => union(variants.map((v) => {
    const need = valueNeed(v, slot);
    return need ? [need] : undefined;
  })));
  return item.all ? best(entries) : union(entries);
}

function searchRequirement(search: Search, registry: FieldRegistry): Requirement {
  return union(search.alternatives.map((items) => best(items.map((i) => itemRequirement(i, registry)))));
}

function conditionRequirement(condition: Condition, searches: ReadonlyMap<string, Requirement>): Requirement {
  switch (condition.kind) {
    case 'ref':
      return searches.get(condition.name);
    case 'and':
      return best(condition.items.map((c) => conditionRequirement(c, searches)));
    case 'or':
      return union(condition.items.map((c) => conditionRequirement(c, searches)));
    default:
      return undefined;
  }
}

/**
 * The requirement of a detection (and of the filters ANDed onto it).
 *
 * @example
 * detectionRequirement(rule.detection, registry); // [{ kind: 'contains', slot: 3, text: '\\rundll32.exe' }]
 */
export function detectionRequirement(detection: Detection, registry: FieldRegistry, extra: readonly Detection[] = []): Requirement {
  const one = (d: Detection): Requirement => {
    const searches = new Map<string, Requirement>();
    for (const [name, search] of d.searches) searches.set(name, searchRequirement(search, registry));
    return conditionRequirement(d.condition, searches);
  };
  return best([one(detection), ...extra.map(one)]);
}

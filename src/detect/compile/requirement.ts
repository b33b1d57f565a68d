/**
 * Prefilter requirements: for each rule, up to two clauses of (field, literal) needs such that whenever the
 * rule matches, every clause has at least one need that holds. The engine evaluates a rule only when all its
 * clauses were seen in the event (or when the rule has no usable requirement). Derived from the condition:
 * `and` keeps the two most selective clauses of its sides, `or` unites its sides into one clause, `not` gives
 * up (no requirement).
 */
import type { FieldRegistry } from '../fields/event-view.js';
import type { SigmaString } from '../sigma/sigma-string.js';
import type { Condition, Detection, FieldItem, Search, Value } from '../sigma/types.js';
import { requiredLiteral } from './regex.js';
import { rarestWindow, rareLength } from './rarity.js';
import { shapeOf } from './string-matcher.js';

/** The pseudo-slot for keywords: the literal may be in any value of the event. */
export const ANY_FIELD = -1;

/**
 * One need about a field's text (lower case): it equals `text`, starts with it, ends with it, or contains it
 * (for prefix, suffix and contains `text` is ASCII, so the folding searches stay exact).
 */
export interface Need {
  kind: 'equals' | 'prefix' | 'suffix' | 'contains';
  slot: number;
  text: string;
}

/**
 * Clauses that all hold whenever the rule matches, each a list of needs of which at least one holds
 * (a conjunction of disjunctions); undefined when nothing is certain.
 */
export type Requirement = readonly (readonly Need[])[] | undefined;

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

/** The ASCII characters at the start (or end) of the lower-cased text. */
function asciiEdge(text: string, side: 'prefix' | 'suffix'): string {
  const lower = text.toLowerCase();
  const match = side === 'prefix' ? /^[\x00-\x7f]*/.exec(lower) : /[\x00-\x7f]*$/.exec(lower);
  return match?.[0] ?? '';
}

function patternNeed(pattern: SigmaString, slot: number): Need | undefined {
  const shape = shapeOf(pattern);
  const first = pattern[0];
  const last = pattern[pattern.length - 1];
  if (shape === 'equals' && slot !== ANY_FIELD) return { kind: 'equals', slot, text: typeof first === 'string' ? first.toLowerCase() : '' };
  const options: Need[] = [];
  if (slot !== ANY_FIELD && typeof first === 'string') options.push({ kind: 'prefix', slot, text: asciiEdge(first, 'prefix') });
  if (slot !== ANY_FIELD && typeof last === 'string') options.push({ kind: 'suffix', slot, text: asciiEdge(last, 'suffix') });
  let run = '';
  for (const part of pattern) if (typeof part === 'string' && asciiRun(part).length > run.length) run = asciiRun(part);
  options.push({ kind: 'contains', slot, text: rarestWindow(run) });
  let best: Need | undefined;
  for (const need of options) if (need.text.length >= MIN_LITERAL && (!best || needScore(need) > needScore(best))) best = need;
  return best;
}

function valueNeed(value: Value, slot: number): Need | undefined {
  switch (value.kind) {
    case 'string':
      return patternNeed(value.value, slot);
    case 'number':
    case 'boolean':
      return slot === ANY_FIELD ? undefined : { kind: 'equals', slot, text: String(value.value) };
    case 'regex': {
      const literal = rarestWindow(asciiRun(requiredLiteral(value.source)));
      return literal.length >= MIN_LITERAL ? { kind: 'contains', slot, text: literal } : undefined;
    }
    default:
      return undefined;
  }
}

/** The needs of one clause, at least one of which holds. */
export type Clause = readonly Need[];

/** Most clauses kept for a rule: two independent literals cut candidates far more than one. */
export const MAX_CLAUSES = 2;

/**
 * How good a need is as a prefilter: rarer literals are better; an exact value or an affix costs a hash
 * lookup or a few characters, while a substring costs a scan of the whole field (a keyword: of the whole
 * event), so a substring must be much longer to be preferred.
 */
function needScore(need: Need): number {
  const length = rareLengthOf(need);
  switch (need.kind) {
    case 'equals':
      return length + 2;
    case 'prefix':
    case 'suffix':
      return length + 2;
    case 'contains':
      return need.slot === ANY_FIELD ? length / 8 : length / 2;
  }
}

const rareLengths = new WeakMap<Need, number>();

function rareLengthOf(need: Need): number {
  let length = rareLengths.get(need);
  if (length === undefined) rareLengths.set(need, (length = rareLength(need.text)));
  return length;
}

function clauseScore(clause: Clause): number {
  let min = Infinity;
  for (const need of clause) min = Math.min(min, needScore(need));
  return min * 1000 - clause.length;
}

function bestClause(req: readonly Clause[]): Clause {
  return req.reduce((a, b) => (clauseScore(b) > clauseScore(a) ? b : a));
}

/** Most clause combinations tried when distributing an OR over the clauses of its sides. */
const MAX_COMBINATIONS = 16;

/**
 * OR: (A1 and A2) or (B1 and B2) implies every (Ai or Bj); the best MAX_CLAUSES of those combinations are
 * kept. Nothing is certain when one side has nothing.
 */
function union(parts: readonly Requirement[]): Requirement {
  if (parts.length === 1) return parts[0];
  let combinations: Need[][] = [[]];
  for (const part of parts) {
    if (part === undefined || part.length === 0) return undefined;
    const clauses = combinations.length * part.length > MAX_COMBINATIONS ? [bestClause(part)] : part;
    combinations = combinations.flatMap((c) => clauses.map((clause) => [...c, ...clause]));
  }
  return best([combinations]);
}

/** A clause that needs no substring search (only hash lookups and prefix or suffix walks). */
function isCheap(clause: Clause): boolean {
  return clause.every((need) => need.kind !== 'contains');
}

/**
 * AND: the most selective clause of all sides, and a second one when it is cheap: a second clause sharpens
 * the prefilter, but one that needs a substring search would make every event pay for a scan.
 */
function best(parts: readonly Requirement[]): Requirement {
  const clauses = parts.flatMap((p) => p ?? []).sort((a, b) => clauseScore(b) - clauseScore(a));
  const first = clauses[0];
  if (first === undefined) return undefined;
  const second = clauses.slice(1).find(isCheap);
  return second === undefined || MAX_CLAUSES < 2 ? [first] : [first, second];
}

function itemRequirement(item: FieldItem, registry: FieldRegistry): Requirement {
  if (item.negate) return undefined;
  const slot = item.field === null ? ANY_FIELD : registry.slot(item.field);
  const entries = item.values.map((variants) => union(variants.map((v) => {
    const need = valueNeed(v, slot);
    return need ? [[need]] : undefined;
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
 * detectionRequirement(rule.detection, registry); // [[{ kind: 'suffix', slot: 3, text: '\\rundll32.exe' }]]
 */
export function detectionRequirement(detection: Detection, registry: FieldRegistry, extra: readonly Detection[] = []): Requirement {
  const one = (d: Detection): Requirement => {
    const searches = new Map<string, Requirement>();
    for (const [name, search] of d.searches) searches.set(name, searchRequirement(search, registry));
    return conditionRequirement(d.condition, searches);
  };
  return best([one(detection), ...extra.map(one)]);
}

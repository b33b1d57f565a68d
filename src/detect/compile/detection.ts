/**
 * Compiles a detection (searches + condition) into one predicate. Search identifiers are compiled once, even
 * when the condition mentions them several times.
 */
import type { EventView, FieldRegistry } from '../fields/event-view.js';
import type { Condition, Detection, Search } from '../sigma/types.js';
import { compileFieldItem, type Predicate } from './field-item.js';

function all(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]!;
  if (predicates.length === 2) {
    const [a, b] = predicates as [Predicate, Predicate];
    return (view) => a(view) && b(view);
  }
  return (view: EventView) => {
    for (const p of predicates) if (!p(view)) return false;
    return true;
  };
}

function any(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]!;
  if (predicates.length === 2) {
    const [a, b] = predicates as [Predicate, Predicate];
    return (view) => a(view) || b(view);
  }
  return (view: EventView) => {
    for (const p of predicates) if (p(view)) return true;
    return false;
  };
}

/**
 * Compiles one search identifier: OR of alternatives, each an AND of items.
 *
 * @example
 * compileSearch(search, registry)(view);
 */
export function compileSearch(search: Search, registry: FieldRegistry): Predicate {
  return any(search.alternatives.map((items) => all(items.map((item) => compileFieldItem(item, registry)))));
}

function compileCondition(condition: Condition, searches: ReadonlyMap<string, Predicate>): Predicate {
  switch (condition.kind) {
    case 'ref':
      return searches.get(condition.name)!;
    case 'and':
      return all(condition.items.map((c) => compileCondition(c, searches)));
    case 'or':
      return any(condition.items.map((c) => compileCondition(c, searches)));
    case 'not': {
      const inner = compileCondition(condition.item, searches);
      return (view) => !inner(view);
    }
    case 'const':
      return condition.value ? () => true : () => false;
  }
}

/**
 * Compiles a whole detection; `extra` (filters) are ANDed onto it.
 *
 * @example
 * const predicate = compileDetection(rule.detection, registry);
 */
export function compileDetection(detection: Detection, registry: FieldRegistry, extra: readonly Detection[] = []): Predicate {
  const compileOne = (d: Detection): Predicate => {
    const searches = new Map<string, Predicate>();
    for (const [name, search] of d.searches) searches.set(name, compileSearch(search, registry));
    return compileCondition(d.condition, searches);
  };
  return all([compileOne(detection), ...extra.map(compileOne)]);
}

/**
 * Compiles one detection item (`field|modifiers: values`) into a predicate over the event view. The common
 * case, a field with a list of strings joined by OR, becomes a single grouped string test on the field's
 * lower-cased text. Array values match when any element matches. Keyword items search every value of the
 * event.
 */
import { scalarText, type EventView, type FieldRegistry } from '../fields/event-view.js';
import type { FieldItem, Value } from '../sigma/types.js';
import { compileTextTest, compileValueTest, textPatterns, type CompileContext, type ScalarTest } from './value-test.js';

/** A compiled condition over the current event. */
export type Predicate = (view: EventView) => boolean;

function lowerOf(raw: unknown): string | undefined {
  return scalarText(raw)?.toLowerCase();
}

/** One test for all variants of one value (OR); text variants grouped into one string test. */
function compileEntry(variants: readonly Value[], ctx: CompileContext): ScalarTest {
  const text = textPatterns(variants);
  if (text) return compileTextTest(text, ctx.cased);
  const tests = variants.map((v) => compileValueTest(v, ctx));
  if (tests.length === 1) return tests[0]!;
  return (raw, lower, view) => {
    for (const t of tests) if (t(raw, lower, view)) return true;
    return false;
  };
}

function combine(tests: readonly ScalarTest[], all: boolean): ScalarTest {
  if (tests.length === 1) return tests[0]!;
  if (all) {
    return (raw, lower, view) => {
      for (const t of tests) if (!t(raw, lower, view)) return false;
      return true;
    };
  }
  return (raw, lower, view) => {
    for (const t of tests) if (t(raw, lower, view)) return true;
    return false;
  };
}

/** Entries of the item: with OR and only text values, all values fold into one grouped test. */
function compileEntries(item: FieldItem, ctx: CompileContext): ScalarTest[] {
  if (!item.all) {
    const flat = item.values.flat();
    const text = textPatterns(flat);
    if (text) return [compileTextTest(text, ctx.cased)];
  }
  return item.values.map((variants) => compileEntry(variants, ctx));
}

function arrayAware(test: ScalarTest, slot: number): Predicate {
  return (view) => {
    const raw = view.value(slot);
    if (!Array.isArray(raw)) return test(raw, view.lower(slot), view);
    for (const element of raw as unknown[]) if (test(element, lowerOf(element), view)) return true;
    return false;
  };
}

/** Every scalar value of the event (arrays contribute their elements). */
function forEachValue(view: EventView, visit: (raw: unknown) => boolean): boolean {
  const record = view.record;
  for (const key in record) {
    const raw = record[key];
    if (Array.isArray(raw)) {
      for (const element of raw as unknown[]) if (visit(element)) return true;
    } else if (visit(raw)) {
      return true;
    }
  }
  return false;
}

function compileKeywords(item: FieldItem, ctx: CompileContext): Predicate {
  const tests = item.values.map((variants) => compileEntry(variants, ctx));
  const one = (view: EventView, test: ScalarTest): boolean =>
    forEachValue(view, (raw) => typeof raw !== 'object' && test(raw, lowerOf(raw), view));
  if (item.all) return (view) => tests.every((t) => one(view, t));
  return (view) => tests.some((t) => one(view, t));
}

/**
 * Compiles one item. `neq` (negate) means the field is present and no value matches.
 *
 * @example
 * const p = compileFieldItem(item, registry);
 * view.bind(event); p(view);
 */
export function compileFieldItem(item: FieldItem, registry: FieldRegistry): Predicate {
  const ctx: CompileContext = { cased: item.cased, path: item.path, slotOf: (f) => registry.slot(f) };
  if (item.field === null) {
    const keywords = compileKeywords(item, ctx);
    return item.negate ? (view) => !keywords(view) : keywords;
  }
  const slot = registry.slot(item.field);
  const test = arrayAware(combine(compileEntries(item, ctx), item.all), slot);
  if (!item.negate) return test;
  return (view) => {
    const raw = view.value(slot);
    return raw !== undefined && raw !== null && !test(view);
  };
}

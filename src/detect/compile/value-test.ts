/**
 * Tests for single values of an event field, one per kind of rule Value. Strings, numbers and booleans are
 * compared as lower-case text (Sigma is case-insensitive; EventID 1 matches '1'), unless `cased`.
 */
import { scalarText, type EventView } from '../fields/event-view.js';
import { parseTime, timePart } from '../fields/event-time.js';
import { ruleError } from '../sigma/problems.js';
import type { CompareOp, DocPath, Value } from '../sigma/types.js';
import { inNetwork, parseAddress, parseCidr } from './cidr.js';
import { compileRegex } from './regex.js';
import { compileStringSet, lowerPattern } from './string-matcher.js';
import type { SigmaString } from '../sigma/sigma-string.js';

/**
 * Tests one scalar value of a field. `lower` is its lower-cased text (undefined for null and objects);
 * `view` gives access to other fields (fieldref).
 */
export type ScalarTest = (raw: unknown, lower: string | undefined, view: EventView) => boolean;

export interface CompileContext {
  cased: boolean;
  path: DocPath;
  /** Slot of another field, for fieldref. */
  slotOf: (field: string) => number;
}

/** Values compared as text: strings with wildcards, numbers and booleans as exact text. */
export function textPatterns(values: readonly Value[]): SigmaString[] | undefined {
  const out: SigmaString[] = [];
  for (const v of values) {
    if (v.kind === 'string') out.push(v.value);
    else if (v.kind === 'number' || v.kind === 'boolean') out.push([String(v.value)]);
    else return undefined;
  }
  return out;
}

/** A test for string-like values: patterns matched against the lower-cased text, or the text when cased. */
export function compileTextTest(patterns: readonly SigmaString[], cased: boolean): ScalarTest {
  if (cased) {
    const test = compileStringSet(patterns);
    return (raw) => {
      const text = scalarText(raw);
      return text !== undefined && test(text);
    };
  }
  const test = compileStringSet(patterns.map(lowerPattern));
  return (_raw, lower) => lower !== undefined && test(lower);
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function compare(left: number, op: CompareOp | 'eq', right: number): boolean {
  switch (op) {
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'eq':
      return left === right;
  }
}

function fieldRefTest(value: Extract<Value, { kind: 'fieldref' }>, ctx: CompileContext): ScalarTest {
  const other = ctx.slotOf(value.field);
  const { startsWith, endsWith } = value;
  return (raw, lower, view) => {
    const mine = ctx.cased ? scalarText(raw) : lower;
    const theirs = ctx.cased ? view.text(other) : view.lower(other);
    if (mine === undefined || theirs === undefined) return false;
    if (startsWith && endsWith) return mine.includes(theirs);
    if (startsWith) return mine.startsWith(theirs);
    if (endsWith) return mine.endsWith(theirs);
    return mine === theirs;
  };
}

/**
 * Compiles one non-text Value (regex, cidr, comparisons, null, fieldref, time parts) into a scalar test.
 *
 * @example
 * compileValueTest({ kind: 'compare', op: 'gt', value: 5 }, ctx)(7, '7', view); // true
 */
export function compileValueTest(value: Value, ctx: CompileContext): ScalarTest {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return compileTextTest(textPatterns([value])!, ctx.cased);
    case 'null':
      return (raw) => raw === null || raw === undefined;
    case 'regex': {
      const test = compileRegex(value.source, value.flags, ctx.path);
      return (raw) => {
        const text = scalarText(raw);
        return text !== undefined && test(text);
      };
    }
    case 'cidr': {
      const network = parseCidr(value.cidr);
      if (!network) throw ruleError(`"${value.cidr}" is not a CIDR network`, ctx.path, 'write a.b.c.d/n or an IPv6 prefix such as fe80::/10');
      return (raw) => {
        const text = scalarText(raw);
        const address = text === undefined ? undefined : parseAddress(text);
        return address !== undefined && inNetwork(address, network);
      };
    }
    case 'compare':
      return (raw) => {
        const n = toNumber(raw);
        return n !== undefined && compare(n, value.op, value.value);
      };
    case 'exists':
      return (raw) => (raw !== undefined) === value.value;
    case 'fieldref':
      return fieldRefTest(value, ctx);
    case 'timepart':
      return (raw) => {
        const ms = parseTime(raw);
        return ms !== undefined && compare(timePart(ms, value.part), value.op, value.value);
      };
  }
}

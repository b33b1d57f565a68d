/**
 * Applies a chain of field modifiers (`field|contains|all`) to the values written in a rule, producing typed
 * Values. Modifiers apply left to right, each to every variant of every value.
 */
import { base64, base64Offsets, utf16, windash } from './encodings.js';
import { expandPlaceholders, type Placeholders } from './placeholders.js';
import { ruleError } from './problems.js';
import {
  hasWildcard,
  parseSigmaString,
  plainText,
  withContains,
  withEndsWith,
  withStartsWith,
  type SigmaString,
} from './sigma-string.js';
import type { CompareOp, DocPath, TimePart, Value } from './types.js';

/** Every modifier name this engine understands (Sigma specification v2.1 plus pySigma's aliases). */
export const MODIFIERS = [
  'contains', 'startswith', 'endswith', 'all', 'base64', 'base64offset', 'wide', 'utf16le', 'utf16be', 'utf16',
  'windash', 're', 'i', 'm', 's', 'ignorecase', 'multiline', 'dotall', 'cidr', 'exists', 'expand', 'fieldref',
  'gt', 'gte', 'lt', 'lte', 'neq', 'cased', 'minute', 'hour', 'day', 'week', 'month', 'year',
] as const;

export type ModifierName = (typeof MODIFIERS)[number];

/** Flags that a modifier chain sets on the whole item rather than on each value. */
export interface ItemFlags {
  all: boolean;
  cased: boolean;
  negate: boolean;
}

export interface ModifierContext {
  placeholders: Placeholders;
  path: DocPath;
  /** The field name, or null for keywords. */
  field: string | null;
}

const COMPARE: ReadonlySet<string> = new Set(['gt', 'gte', 'lt', 'lte']);
const TIME: ReadonlySet<string> = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const REGEX_FLAG: Readonly<Record<string, 'ignoreCase' | 'multiline' | 'dotAll'>> = {
  i: 'ignoreCase', ignorecase: 'ignoreCase', m: 'multiline', multiline: 'multiline', s: 'dotAll', dotall: 'dotAll',
};

/** Checks the names of a modifier chain and returns them; unknown names are an error with a hint. */
export function checkModifiers(names: readonly string[], path: DocPath): ModifierName[] {
  for (const name of names) {
    if (!(MODIFIERS as readonly string[]).includes(name)) {
      throw ruleError(`unknown modifier "${name}"`, path, `known modifiers: ${MODIFIERS.join(', ')}`);
    }
  }
  return names as ModifierName[];
}

/**
 * The Value for a raw YAML scalar before any modifier.
 *
 * @example
 * initialValue('a*b', []); // { kind: 'string', value: ['a', STAR, 'b'], binary: false }
 */
export function initialValue(raw: unknown, path: DocPath): Value {
  if (raw === null) return { kind: 'null' };
  if (typeof raw === 'string') return { kind: 'string', value: parseSigmaString(raw), binary: false };
  if (typeof raw === 'number') return { kind: 'number', value: raw };
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
  if (raw instanceof Date) return { kind: 'string', value: [raw.toISOString().slice(0, 10)], binary: false };
  throw ruleError(`value must be a string, number, boolean or null, not ${describe(raw)}`, path);
}

function describe(raw: unknown): string {
  return Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'a map' : typeof raw;
}

/** Applies one modifier to one value; returns its variants. `raw` is the value as written (for `re`). */
export function applyModifier(name: ModifierName, value: Value, raw: unknown, ctx: ModifierContext): Value[] {
  const fail = (why: string): never => {
    throw ruleError(`modifier "${name}" ${why}`, ctx.path);
  };
  // Numbers are taken as their decimal text (`EventID|startswith: 46`).
  const str = (): SigmaString =>
    value.kind === 'string' ? value.value : value.kind === 'number' ? [String(value.value)] : fail(`needs a string value, not ${value.kind}`);
  const binary = value.kind === 'string' && value.binary;
  switch (name) {
    case 'contains':
    case 'startswith':
    case 'endswith':
      return [position(name, value.kind === 'number' ? { kind: 'string', value: str(), binary: false } : value, fail)];
    case 'base64':
      return [{ kind: 'string', value: [base64(literal(str(), fail), binary)], binary: false }];
    case 'base64offset':
      return base64Offsets(literal(str(), fail), binary).map((v) => ({ kind: 'string', value: [v], binary: false }));
    case 'wide':
    case 'utf16le':
    case 'utf16be':
    case 'utf16':
      return [{ kind: 'string', value: utf16(str(), name === 'wide' ? 'utf16le' : name), binary: true }];
    case 'windash': {
      const variants = windash(str()) ?? fail('produces too many variants (more than 5 dashes in one value)');
      return variants.map((v) => ({ kind: 'string', value: v, binary }));
    }
    case 'expand':
      return expandPlaceholders(str(), ctx.placeholders, ctx.path).map((v) => ({ kind: 'string', value: v, binary }));
    default:
      return applyTyped(name, value, raw, ctx, fail);
  }
}

function applyTyped(name: ModifierName, value: Value, raw: unknown, ctx: ModifierContext, fail: (why: string) => never): Value[] {
  if (name === 're') {
    if (typeof raw !== 'string' || value.kind !== 'string') return fail('needs a string value');
    return [{ kind: 'regex', source: raw, flags: { ignoreCase: false, multiline: false, dotAll: false } }];
  }
  const flag = REGEX_FLAG[name];
  if (flag) {
    if (value.kind !== 'regex') return fail('only applies after "re"');
    return [{ ...value, flags: { ...value.flags, [flag]: true } }];
  }
  if (name === 'cidr') return [{ kind: 'cidr', cidr: value.kind === 'string' ? literal(value.value, fail) : fail('needs a string') }];
  if (name === 'exists') return [existsValue(value, ctx, fail)];
  if (name === 'fieldref') {
    const field = value.kind === 'string' ? literal(value.value, fail) : fail('needs a field name');
    return [{ kind: 'fieldref', field, startsWith: false, endsWith: false }];
  }
  if (COMPARE.has(name)) return [compareValue(name as CompareOp, value, fail)];
  if (TIME.has(name)) return [timeValue(name as TimePart, value, fail)];
  return [value]; // all, cased, neq: item flags, see itemFlags
}

function literal(value: SigmaString, fail: (why: string) => never): string {
  return hasWildcard(value) ? fail('does not allow wildcards (escape them with \\)') : plainText(value);
}

function position(name: 'contains' | 'startswith' | 'endswith', value: Value, fail: (why: string) => never): Value {
  if (value.kind === 'string') {
    const next = name === 'contains' ? withContains(value.value) : name === 'startswith' ? withStartsWith(value.value) : withEndsWith(value.value);
    return { ...value, value: next };
  }
  if (value.kind === 'fieldref') {
    return {
      ...value,
      startsWith: value.startsWith || name !== 'endswith',
      endsWith: value.endsWith || name !== 'startswith',
    };
  }
  // A regex already matches anywhere in the value: contains/startswith/endswith only widen an anchored match.
  if (value.kind === 'regex') return value;
  return fail(`needs a string value, not ${value.kind}`);
}

function existsValue(value: Value, ctx: ModifierContext, fail: (why: string) => never): Value {
  if (ctx.field === null) return fail('needs a field name');
  if (value.kind === 'boolean') return { kind: 'exists', value: value.value };
  if (value.kind === 'string' && /^(true|false)$/i.test(plainText(value.value))) {
    return { kind: 'exists', value: plainText(value.value).toLowerCase() === 'true' };
  }
  return fail('needs true or false');
}

function numberOf(value: Value, fail: (why: string) => never): number {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && !hasWildcard(value.value)) {
    const n = Number(plainText(value.value));
    if (plainText(value.value).trim() !== '' && Number.isFinite(n)) return n;
  }
  return fail('needs a number');
}

function compareValue(op: CompareOp, value: Value, fail: (why: string) => never): Value {
  if (value.kind === 'timepart') return { ...value, op };
  return { kind: 'compare', op, value: numberOf(value, fail) };
}

function timeValue(part: TimePart, value: Value, fail: (why: string) => never): Value {
  if (value.kind === 'compare') return { kind: 'timepart', part, op: value.op, value: value.value };
  return { kind: 'timepart', part, op: 'eq', value: numberOf(value, fail) };
}

/** The item-level flags set by a chain (`all`, `cased`, `neq`). */
export function itemFlags(names: readonly ModifierName[]): ItemFlags {
  return { all: names.includes('all'), cased: names.includes('cased'), negate: names.includes('neq') };
}

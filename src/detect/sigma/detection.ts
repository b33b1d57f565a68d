/**
 * The `detection` section: search identifiers (a map of field items, a list of such maps, or a keyword list)
 * and the condition over them.
 */
import { parseCondition } from './condition.js';
import { applyModifier, checkModifiers, initialValue, itemFlags, type ModifierName } from './modifiers.js';
import type { Placeholders } from './placeholders.js';
import { STAR, type StringPart } from './sigma-string.js';
import { ruleError } from './problems.js';
import type { Detection, DocPath, FieldItem, Search, Value } from './types.js';

/** Keys of a detection section that are not search identifiers. */
const RESERVED = new Set(['condition', 'timeframe']);

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expandValue(raw: unknown, chain: readonly ModifierName[], field: string | null, placeholders: Placeholders, path: DocPath): Value[] {
  let variants: Value[] = [initialValue(raw, path)];
  chain.forEach((name, index) => {
    if (name === 're' && index > 0) throw ruleError('modifier "re" must come first in the chain', path);
    variants = variants.flatMap((v) => applyModifier(name, v, raw, { placeholders, path, field }));
  });
  return variants;
}

/**
 * Parses one `field|modifiers: value(s)` entry. A keyword entry has no field (`'|all': [...]`).
 *
 * @example
 * parseFieldItem('Image|endswith', '\\cmd.exe', {}, ['detection', 'selection', 'Image|endswith']);
 */
export function parseFieldItem(key: string, raw: unknown, placeholders: Placeholders, path: DocPath): FieldItem {
  const [fieldName = '', ...names] = key.split('|');
  const chain = checkModifiers(names, path);
  const field = fieldName === '' ? null : fieldName;
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw ruleError('the value list is empty', path);
  const values = list.map((item, i) => expandValue(item, chain, field, placeholders, Array.isArray(raw) ? [...path, i] : path));
  const flags = itemFlags(chain);
  if (field === null) return { field, values: values.map((v) => v.map(asKeyword)), path, ...flags };
  return { field, values, path, ...flags };
}

/** Keywords are searched anywhere in a value: a plain keyword matches as a substring. */
function asKeyword(value: Value): Value {
  if (value.kind === 'number' || value.kind === 'boolean') {
    return asKeyword({ kind: 'string', value: [String(value.value)], binary: false });
  }
  if (value.kind !== 'string') return value;
  const parts = value.value;
  const start: StringPart[] = parts[0] === STAR ? [] : [STAR];
  const end: StringPart[] = parts[parts.length - 1] === STAR ? [] : [STAR];
  return { ...value, value: [...start, ...parts, ...end] };
}

function parseMap(map: Record<string, unknown>, placeholders: Placeholders, path: DocPath): FieldItem[] {
  const items = Object.entries(map).map(([key, raw]) => parseFieldItem(key, raw, placeholders, [...path, key]));
  if (items.length === 0) throw ruleError('the selection is empty', path);
  return items;
}

/**
 * Parses one search identifier's definition.
 *
 * @example
 * parseSearch({ Image: 'x' }, {}, ['detection', 'sel']).alternatives.length; // 1
 */
export function parseSearch(definition: unknown, placeholders: Placeholders, path: DocPath): Search {
  if (isMap(definition)) return { alternatives: [parseMap(definition, placeholders, path)] };
  if (Array.isArray(definition)) {
    if (definition.length === 0) throw ruleError('the search list is empty', path);
    if (definition.every(isMap)) {
      return { alternatives: definition.map((m, i) => parseMap(m, placeholders, [...path, i])) };
    }
    if (definition.some(isMap)) throw ruleError('a search list mixes maps and plain values', path);
    return { alternatives: [[parseFieldItem('', definition, placeholders, path)]] };
  }
  if (typeof definition === 'string' || typeof definition === 'number') {
    return { alternatives: [[parseFieldItem('', [definition], placeholders, path)]] };
  }
  throw ruleError('a search must be a map, a list of maps or a list of keywords', path);
}

/**
 * Parses a `detection` (or filter) section. `exclude` lists extra keys that are not search identifiers.
 *
 * @example
 * parseDetection({ sel: { EventID: 1 }, condition: 'sel' }, {}, ['detection']);
 */
export function parseDetection(section: unknown, placeholders: Placeholders, path: DocPath, exclude: readonly string[] = []): Detection {
  if (!isMap(section)) throw ruleError('the detection section must be a map', path);
  const searches = new Map<string, Search>();
  for (const [name, definition] of Object.entries(section)) {
    if (RESERVED.has(name) || exclude.includes(name)) continue;
    searches.set(name, parseSearch(definition, placeholders, [...path, name]));
  }
  if (!('condition' in section)) throw ruleError('the detection has no condition', path);
  const condition = parseCondition(section['condition'], [...searches.keys()], [...path, 'condition']);
  return { searches, condition };
}

/**
 * The first validation pass: the document's top level, then each item against its zod schema on its own,
 * so that one bad host does not hide problems in the others and the good items can still be cross-checked.
 */
import type { z } from 'zod';
import {
  dataStoreSchema,
  entitySchema,
  hostSchema,
  linkSchema,
  regionSchema,
  segmentSchema,
  serviceSchema,
  siteSchema,
} from '../schema.js';
import type { EstateDocument } from '../schema.js';
import { withSuggestion } from './suggest.js';
import { ESTATE_KINDS } from './types.js';
import type { EstateKind, Located, PathIssue } from './types.js';
import { describeValue, zodIssues } from './zod-issues.js';

/** The valid items of the incoming file, each with its index in its list. */
export type IncomingItems = { [K in EstateKind]: Located<EstateDocument[K][number]>[] };

/**
 * Every item of the incoming file with the fields that passed their schema (all of them for a valid item),
 * so that cross-item checks also cover items that have other problems.
 */
export type Candidates = { [K in EstateKind]: Located<Partial<EstateDocument[K][number]>>[] };

/** An id (hostname for hosts) as written in the file, valid item or not. */
export interface DeclaredId {
  id: string;
  index: number;
}

/** The outcome of the shape pass. */
export interface ShapeResult {
  items: IncomingItems;
  candidates: Candidates;
  /** Ids declared per kind, including items that failed their schema (so references to them resolve). */
  declared: Record<EstateKind, DeclaredId[]>;
  problems: PathIssue[];
}

const ITEM_SCHEMAS: Record<EstateKind, z.ZodObject> = {
  regions: regionSchema,
  entities: entitySchema,
  sites: siteSchema,
  segments: segmentSchema,
  links: linkSchema,
  hosts: hostSchema,
  services: serviceSchema,
  dataStores: dataStoreSchema,
};

/** The field that identifies an item of each kind (links are identified by `from` + `to`). */
export const ID_FIELDS: Record<EstateKind, string | undefined> = {
  regions: 'id',
  entities: 'id',
  sites: 'id',
  segments: 'id',
  links: undefined,
  hosts: 'hostname',
  services: 'id',
  dataStores: 'id',
};

const TOP_LEVEL_KEYS = ['version', ...ESTATE_KINDS];

/** Checks the raw data of a file: top-level layout, then every item against its schema. */
export function checkShape(data: unknown): ShapeResult {
  const result: ShapeResult = {
    items: emptyLists(() => []),
    candidates: emptyLists(() => []),
    declared: emptyLists(() => []),
    problems: [],
  };
  if (data === null || data === undefined) {
    result.problems.push({
      path: [],
      message: 'the file is empty',
      hint: `add at least one of: ${ESTATE_KINDS.join(', ')}`,
    });
    return result;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const hint = `the file must be a mapping with the keys ${TOP_LEVEL_KEYS.join(', ')}`;
    result.problems.push({
      path: [],
      message: `expected a mapping at the top of the file, got ${describeValue(data)}`,
      hint,
    });
    return result;
  }
  const record = data as Record<string, unknown>;
  checkTopLevelKeys(record, result.problems);
  for (const kind of ESTATE_KINDS) checkList(kind, record[kind], result);
  return result;
}

function emptyLists<T>(make: () => T): Record<EstateKind, T> {
  return Object.fromEntries(ESTATE_KINDS.map((kind) => [kind, make()])) as Record<EstateKind, T>;
}

function checkTopLevelKeys(record: Record<string, unknown>, problems: PathIssue[]): void {
  for (const key of Object.keys(record).filter((name) => !TOP_LEVEL_KEYS.includes(name))) {
    const hint = withSuggestion(
      `remove it or fix its name; allowed keys: ${TOP_LEVEL_KEYS.join(', ')}`,
      key,
      TOP_LEVEL_KEYS,
    );
    problems.push({ path: [key], at: 'key', message: `unknown top-level key \`${key}\``, hint });
  }
  if (record['version'] !== undefined && record['version'] !== 1) {
    problems.push({
      path: ['version'],
      message: `unsupported version ${describeValue(record['version'])}`,
      hint: 'write `version: 1`, the only version so far',
    });
  }
}

function checkList(kind: EstateKind, list: unknown, result: ShapeResult): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    const message = list === null ? `\`${kind}\` is empty` : `\`${kind}\` must be a list, got ${describeValue(list)}`;
    result.problems.push({
      path: [kind],
      message,
      hint: `write a list (one \`- \` item per line), \`${kind}: []\`, or remove the key`,
    });
    return;
  }
  const idField = ID_FIELDS[kind];
  for (const [index, raw] of (list as unknown[]).entries()) {
    const id = idField === undefined ? undefined : idOf(raw, idField);
    if (id !== undefined) result.declared[kind].push({ id, index });
    checkItem(kind, index, raw, result);
  }
}

function checkItem(kind: EstateKind, index: number, raw: unknown, result: ShapeResult): void {
  const schema = ITEM_SCHEMAS[kind];
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    (result.items[kind] as Located<unknown>[]).push({ index, value: parsed.data });
    (result.candidates[kind] as Located<unknown>[]).push({ index, value: parsed.data });
  } else {
    (result.candidates[kind] as Located<unknown>[]).push({ index, value: salvage(schema, raw) });
    result.problems.push(...zodIssues(parsed.error, raw, schema, [kind, index]));
  }
}

/** The fields of an invalid item that pass their own schema. */
function salvage(schema: z.ZodObject, raw: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (raw === null || typeof raw !== 'object') return fields;
  for (const [key, field] of Object.entries<z.ZodType>(schema.shape)) {
    const parsed = field.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) fields[key] = parsed.data;
  }
  return fields;
}

function idOf(raw: unknown, field: string): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Merging an imported document into the estate: upsert by identity (id; hostname for hosts; `from` + `to`
 * for links), so that importing the same file twice updates and never duplicates.
 */
import type { EstateDocument } from '../schema.js';
import { ESTATE_KINDS } from './types.js';
import type { EstateKind } from './types.js';

/** How many items of each kind an import creates and updates. */
export type ImportCounts = Record<EstateKind, { created: number; updated: number }>;

type Item = EstateDocument[EstateKind][number];

/** The identity of an item within its kind. */
export function itemKey(item: Item): string {
  if ('hostname' in item) return item.hostname;
  if ('from' in item) return `${item.from}\u0000${item.to}`;
  return item.id;
}

/**
 * Upserts every item of `incoming` into `existing`: an item with the same identity is replaced where it
 * stands, a new one is appended. A host keeps the agent information it had when the import carries none
 * (agents report it; import files rarely do). Pure: neither argument is changed.
 *
 * @example mergeEstate(estate, { ...emptyEstate(), hosts: [host] }).hosts.length // estate.hosts.length (+1 if new)
 */
export function mergeEstate(existing: EstateDocument, incoming: EstateDocument): EstateDocument {
  const merged: EstateDocument = { ...existing, version: 1 };
  for (const kind of ESTATE_KINDS) {
    (merged as Record<EstateKind, Item[]>)[kind] = upsert(existing[kind], incoming[kind]);
  }
  return merged;
}

function upsert(existing: readonly Item[], incoming: readonly Item[]): Item[] {
  const result = [...existing];
  const positions = new Map(result.map((item, position) => [itemKey(item), position]));
  for (const item of incoming) {
    const key = itemKey(item);
    const position = positions.get(key);
    if (position === undefined) {
      positions.set(key, result.length);
      result.push(item);
    } else {
      result[position] = keepAgent(result[position], item);
    }
  }
  return result;
}

function keepAgent(before: Item | undefined, after: Item): Item {
  if (before === undefined || !('hostname' in before) || !('hostname' in after)) return after;
  return after.agent === undefined && before.agent !== undefined ? { ...after, agent: before.agent } : after;
}

/** Counts, per kind, the items of `incoming` that are new to `existing` and those that replace one. */
export function countImport(existing: EstateDocument, incoming: EstateDocument): ImportCounts {
  const counts = {} as ImportCounts;
  for (const kind of ESTATE_KINDS) {
    const keys = new Set<string>((existing[kind] as Item[]).map(itemKey));
    const updated = (incoming[kind] as Item[]).filter((item) => keys.has(itemKey(item))).length;
    counts[kind] = { created: incoming[kind].length - updated, updated };
  }
  return counts;
}

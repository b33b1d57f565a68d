/** Small lookups from integer ids back to the strings that results show. */
import type { EstateIndex } from './estate-index.types.js';

/** The string id of entity `entity`. */
export function entityId(index: EstateIndex, entity: number): string {
  return index.entities.ids.ids[entity] ?? '';
}

/** The region string id of entity `entity`, or `null` when it has none. */
export function entityRegion(index: EstateIndex, entity: number): string | null {
  const region = index.entities.region[entity] ?? -1;
  return region < 0 ? null : (index.regions.ids.ids[region] ?? null);
}

/** Items of row `row` of a packed relation, as a plain array. */
export function rowItems(csr: { start: Int32Array; items: Int32Array }, row: number): Int32Array {
  return csr.items.subarray(csr.start[row], csr.start[row + 1]);
}

/**
 * The capacity model behind isolation impact. A service keeps the share of its hosts that are not isolated;
 * a service whose dependency is down is down too. A dependency that is only degraded (one of three domain
 * controllers isolated, say) is assumed to have the spare capacity of its redundancy, so its dependents keep
 * running: otherwise isolating one redundant server would mark half the business as degraded.
 * Down means capacity 0 (all hosts isolated, or a dependency down); degraded means between 0 and 1.
 */
import type { EstateIndex } from './estate-index.types.js';

/** Unaffected. */
export const UNAFFECTED = -2;
/** Affected because of its own isolated hosts. */
export const OWN_HOSTS_ISOLATED = -1;

/** Per service (integer id). */
export interface ServiceCapacity {
  /** Share of normal capacity left, 1 when unaffected. */
  readonly capacity: Float64Array;
  readonly isolatedHosts: Int32Array;
  /** {@link UNAFFECTED}, {@link OWN_HOSTS_ISOLATED}, or the dependency that sets its capacity. */
  readonly cause: Int32Array;
}

function ownCapacity(index: EstateIndex, isolated: Uint8Array, capacity: Float64Array, isolatedHosts: Int32Array) {
  const { start, items } = index.services.hosts;
  for (let s = 0; s < capacity.length; s += 1) {
    let count = 0;
    for (let k = start[s]!; k < start[s + 1]!; k += 1) count += isolated[items[k]!]!;
    const total = start[s + 1]! - start[s]!;
    isolatedHosts[s] = count;
    capacity[s] = total === 0 ? 1 : (total - count) / total;
  }
}

/**
 * Computes every service's capacity when the flagged hosts are isolated. Only "down" travels along the
 * dependents graph, and each service goes down once, so the propagation terminates on cyclic dependencies too.
 *
 * @example
 * const { capacity } = serviceCapacity(index, isolated);
 * capacity[index.services.ids.get('order-intake')]; // 0 = down
 */
export function serviceCapacity(index: EstateIndex, isolated: Uint8Array): ServiceCapacity {
  const n = index.services.ids.size;
  const capacity = new Float64Array(n);
  const isolatedHosts = new Int32Array(n);
  const cause = new Int32Array(n).fill(UNAFFECTED);
  ownCapacity(index, isolated, capacity, isolatedHosts);
  const work: number[] = [];
  for (let s = 0; s < n; s += 1) {
    if (capacity[s]! < 1) {
      cause[s] = OWN_HOSTS_ISOLATED;
      work.push(s);
    }
  }
  const { start, items } = index.services.dependents;
  while (work.length > 0) {
    const s = work.pop()!;
    if (capacity[s]! > 0) continue;
    for (let k = start[s]!; k < start[s + 1]!; k += 1) {
      const d = items[k]!;
      if (capacity[s]! >= capacity[d]!) continue;
      capacity[d] = capacity[s]!;
      cause[d] = s;
      work.push(d);
    }
  }
  return { capacity, isolatedHosts, cause };
}

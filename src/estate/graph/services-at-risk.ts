/** Services at risk from reached hosts: those running on them, then, transitively, their dependents. */
import type { EstateIndex } from './estate-index.types.js';

/** Not at risk. */
export const NOT_AT_RISK = -2;
/** At risk because it runs on reached hosts. */
export const OWN_HOSTS = -1;

/** Per service (integer id): why it is at risk, and how many of its hosts were reached. */
export interface ServiceRisk {
  /** At-risk services in order of discovery: services on reached hosts first, then dependents. */
  readonly order: readonly number[];
  /** {@link NOT_AT_RISK}, {@link OWN_HOSTS}, or the service it depends on that put it at risk. */
  readonly cause: Int32Array;
  readonly hostsReached: Int32Array;
}

/**
 * Marks services with a reached host, then walks the dependents graph breadth-first (cycles are fine).
 *
 * @example
 * const risk = servicesAtRisk(index, hostReached);
 * risk.order.map((s) => index.services.ids.ids[s]);
 */
export function servicesAtRisk(index: EstateIndex, hostReached: Uint8Array): ServiceRisk {
  const { hosts, dependents } = index.services;
  const n = index.services.ids.size;
  const cause = new Int32Array(n).fill(NOT_AT_RISK);
  const hostsReached = new Int32Array(n);
  const order: number[] = [];
  for (let s = 0; s < n; s += 1) {
    for (let k = hosts.start[s]!; k < hosts.start[s + 1]!; k += 1) hostsReached[s]! += hostReached[hosts.items[k]!]!;
    if (hostsReached[s]! > 0) {
      cause[s] = OWN_HOSTS;
      order.push(s);
    }
  }
  for (let head = 0; head < order.length; head += 1) {
    const s = order[head]!;
    for (let k = dependents.start[s]!; k < dependents.start[s + 1]!; k += 1) {
      const d = dependents.items[k]!;
      if (cause[d] !== NOT_AT_RISK) continue;
      cause[d] = s;
      order.push(d);
    }
  }
  return { order, cause, hostsReached };
}

/** Presents service capacities as impacted services with reasons and lost throughput. */
import type { EstateIndex } from './estate-index.types.js';
import type { ImpactedService, ServiceStatus } from './isolation-impact.types.js';
import { entityRegion } from './lookup.js';
import { OWN_HOSTS_ISOLATED, type ServiceCapacity, UNAFFECTED } from './service-capacity.js';

const CRITICALITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

function statusOf(capacity: number): ServiceStatus {
  return capacity === 0 ? 'down' : 'degraded';
}

function ownReason(isolated: number, total: number): string {
  return isolated === total ? `all ${total} host${total === 1 ? '' : 's'} isolated` : `${isolated} of ${total} hosts isolated`;
}

function directReasons(index: EstateIndex, cap: ServiceCapacity, s: number): string[] {
  const { hosts, dependsOn, ids } = index.services;
  const reasons: string[] = [];
  const isolated = cap.isolatedHosts[s]!;
  if (isolated > 0) reasons.push(ownReason(isolated, hosts.start[s + 1]! - hosts.start[s]!));
  for (let k = dependsOn.start[s]!; k < dependsOn.start[s + 1]!; k += 1) {
    const d = dependsOn.items[k]!;
    if (cap.capacity[d]! < 1) reasons.push(`depends on ${ids.ids[d]!} (${statusOf(cap.capacity[d]!)})`);
  }
  return reasons;
}

/** Follows the decisive cause from `s` to the service whose own hosts are isolated. */
function causeChain(index: EstateIndex, cap: ServiceCapacity, s: number): string[] {
  const { hosts, ids } = index.services;
  const chain: string[] = [];
  const seen = new Set<number>();
  let at = s;
  while (!seen.has(at)) {
    seen.add(at);
    const cause = cap.cause[at]!;
    const name = ids.ids[at]!;
    if (cause === OWN_HOSTS_ISOLATED || cause === UNAFFECTED) {
      chain.push(`${name}: ${ownReason(cap.isolatedHosts[at]!, hosts.start[at + 1]! - hosts.start[at]!)}`);
      break;
    }
    chain.push(`${name} depends on ${ids.ids[cause]!} (${statusOf(cap.capacity[cause]!)})`);
    at = cause;
  }
  return chain;
}

function presentService(index: EstateIndex, cap: ServiceCapacity, s: number): ImpactedService {
  const service = index.services.records[s]!;
  const capacity = cap.capacity[s]!;
  const { throughput } = service;
  return {
    id: service.id,
    name: service.name,
    entity: service.entity,
    region: entityRegion(index, index.services.entity[s]!),
    criticality: service.criticality,
    status: statusOf(capacity),
    capacity,
    hosts: { isolated: cap.isolatedHosts[s]!, total: index.services.hosts.start[s + 1]! - index.services.hosts.start[s]! },
    reasons: directReasons(index, cap, s),
    chain: causeChain(index, cap, s),
    lost: throughput
      ? { unit: throughput.unit, perHour: throughput.perHour * (1 - capacity), normalPerHour: throughput.perHour }
      : null,
  };
}

function byImpact(a: ImpactedService, b: ImpactedService): number {
  return (
    Number(b.status === 'down') - Number(a.status === 'down') ||
    CRITICALITY_RANK[a.criticality] - CRITICALITY_RANK[b.criticality] ||
    a.capacity - b.capacity ||
    (b.lost?.perHour ?? 0) - (a.lost?.perHour ?? 0) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Every affected service (capacity below 1), down first, then by criticality and lost throughput.
 *
 * @example
 * impactedServices(index, serviceCapacity(index, isolated))[0]?.chain;
 * // ['orders depends on identity-emea (down)', 'identity-emea: all 2 hosts isolated']
 */
export function impactedServices(index: EstateIndex, cap: ServiceCapacity): ImpactedService[] {
  const out: ImpactedService[] = [];
  for (let s = 0; s < cap.capacity.length; s += 1) {
    if (cap.capacity[s]! < 1) out.push(presentService(index, cap, s));
  }
  return out.sort(byImpact);
}

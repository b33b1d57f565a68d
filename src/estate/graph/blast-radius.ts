/**
 * Blast radius: from compromised hosts, every segment an attacker can pivot to, the hosts in them, the
 * services at risk (and their dependents), the entities and regions touched, the data stores exposed and the
 * ways out of the estate. Conservative: a segment reachable on any port counts.
 */
import type { Criticality } from '../schema.js';
import type { BlastRadius, ReachedSegment } from './blast-radius.types.js';
import { dataAtRisk, exposurePoints, presentServices, touchedOrg } from './blast-radius.present.js';
import type { EstateIndex } from './estate-index.types.js';
import { reachedPorts, reachSegments, type SegmentReach } from './reach.js';
import { Resolver } from './resolve.js';
import { servicesAtRisk } from './services-at-risk.js';

function presentSegments(index: EstateIndex, reach: SegmentReach): ReachedSegment[] {
  const { records, hosts } = index.segments;
  return Array.from(reach.order, (s) => {
    const segment = records[s]!;
    const via = reach.via[s]!;
    return {
      id: segment.id,
      name: segment.name,
      entity: segment.entity,
      hops: reach.hops[s]!,
      via: via < 0 ? null : records[via]!.id,
      ports: reachedPorts(index, reach, s) ?? 'any',
      hosts: hosts.start[s + 1]! - hosts.start[s]!,
      external: segment.external,
    };
  });
}

/** Hosts in reached segments, plus compromised hosts whose segment is unknown; flags and ordered list. */
function reachedHosts(index: EstateIndex, reach: SegmentReach, compromised: readonly number[]) {
  const flags = new Uint8Array(index.hosts.ids.size);
  const list: number[] = [];
  const { start, items } = index.segments.hosts;
  for (const s of reach.order) {
    for (let k = start[s]!; k < start[s + 1]!; k += 1) {
      flags[items[k]!] = 1;
      list.push(items[k]!);
    }
  }
  for (const h of compromised) {
    if (flags[h] === 1) continue;
    flags[h] = 1;
    list.push(h);
  }
  return { flags, list };
}

function countByCriticality(index: EstateIndex, hosts: readonly number[]): Record<Criticality, number> {
  const counts: Record<Criticality, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const h of hosts) counts[index.hosts.records[h]!.criticality] += 1;
  return counts;
}

/**
 * The blast radius of a set of compromised hosts.
 *
 * @throws UserError `not_found` listing every hostname that is not in the estate.
 * @example
 * const radius = blastRadius(index, ['tk-fs01', 'tk-ws042']);
 * radius.totals.hosts;        // hosts an attacker could reach from there
 * radius.services[0]?.reason; // e.g. 'runs on 2 reached hosts'
 */
export function blastRadius(index: EstateIndex, hostnames: readonly string[]): BlastRadius {
  const resolver = new Resolver();
  const compromised = resolver.resolve(index.hosts.ids, hostnames, 'host', 'hosts');
  resolver.assertAllKnown();
  const sources = compromised.map((h) => index.hosts.segment[h]!);
  const reach = reachSegments(index, sources);
  const hosts = reachedHosts(index, reach, compromised);
  const risk = servicesAtRisk(index, hosts.flags);
  const { entities, regions } = touchedOrg(index, hosts.list, risk);
  const { dataStores, personalData } = dataAtRisk(index, hosts.flags);
  const exposure = exposurePoints(index, reach);
  return {
    compromised: compromised.map((h) => index.hosts.ids.ids[h]!),
    totals: {
      segments: reach.order.length,
      hosts: hosts.list.length,
      services: risk.order.length,
      entities: entities.length,
      regions: regions.length,
      dataStores: dataStores.length,
      personalDataStores: dataStores.filter((d) => d.personalData.length > 0).length,
      personalRecords: dataStores.reduce((sum, d) => sum + (d.personalData.length > 0 ? d.records : 0), 0),
      exposurePoints: exposure.reachable.length,
    },
    hostsByCriticality: countByCriticality(index, hosts.list),
    segments: presentSegments(index, reach),
    hosts: hosts.list.map((h) => index.hosts.ids.ids[h]!),
    services: presentServices(index, risk),
    entities,
    regions,
    dataStores,
    personalData,
    exposure,
  };
}

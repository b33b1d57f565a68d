/**
 * The impact of a containment plan before it runs: the estate graph's isolation impact (hosts off the network,
 * services down or degraded and whose, throughput lost per hour by entity and region) plus the external links
 * and segment links the plan cuts.
 */
import type { EstateIndex, IsolationTarget } from '../estate/graph/index.js';
import { isolationImpact } from '../estate/graph/index.js';
import type { PlanImpact } from './types.js';

export interface ImpactInput {
  /** What the plan takes off the network. */
  isolate?: IsolationTarget;
  /** Segments (integer ids) whose hosts lose connectivity without being isolated (an external cut). */
  touched?: readonly number[];
  /** Segments (integer ids) whose external links are cut. */
  externalSegments: readonly number[];
  linksCut: { from: string; to: string }[];
  /** Added to the isolation assumptions. */
  assumptions: readonly string[];
}

type Criticality = keyof NonNullable<PlanImpact['hostsByCriticality']>;

function countCriticality(index: EstateIndex, hosts: Iterable<number>): Record<Criticality, number> {
  const counts: Record<Criticality, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const h of hosts) {
    const record = index.hosts.records[h];
    if (record) counts[record.criticality] += 1;
  }
  return counts;
}

function* segmentHosts(index: EstateIndex, segments: readonly number[]): Generator<number> {
  const { start, items } = index.segments.hosts;
  for (const s of segments) for (let k = start[s]!; k < start[s + 1]!; k += 1) yield items[k]!;
}

function externalLinks(index: EstateIndex, segments: readonly number[]): PlanImpact['externalLinksCut'] {
  return segments.flatMap((s) => {
    const segment = index.segments.records[s];
    return segment ? segment.external.map((link) => ({ segment: segment.id, kind: link.kind, name: link.name })) : [];
  });
}

/**
 * The impact of a plan, from what it isolates and what it cuts.
 *
 * @example
 * planImpact(index, { isolate: { regions: ['emea'] }, externalSegments: [3], linksCut: [], assumptions: [] }).lostPerHour;
 */
export function planImpact(index: EstateIndex, input: ImpactInput): PlanImpact {
  const touched = input.touched ?? [];
  const externalLinksCut = externalLinks(index, input.externalSegments);
  if (input.isolate === undefined) {
    const hosts = [...segmentHosts(index, touched)];
    return {
      hostsAffected: hosts.length,
      services: [],
      lostPerHour: [],
      byEntity: [],
      byRegion: [],
      externalLinksCut,
      linksCut: input.linksCut,
      assumptions: [...input.assumptions],
      hostsByCriticality: countCriticality(index, hosts),
    };
  }
  const impact = isolationImpact(index, input.isolate);
  const isolated = impact.isolatedHosts.map((name) => index.hosts.ids.get(name));
  return {
    hostsAffected: impact.totals.hostsIsolated,
    services: impact.services,
    lostPerHour: impact.totals.lostPerHour,
    byEntity: impact.byEntity,
    byRegion: impact.byRegion,
    externalLinksCut,
    linksCut: input.linksCut,
    assumptions: [...impact.assumptions, ...input.assumptions],
    hostsByCriticality: countCriticality(index, isolated),
  };
}

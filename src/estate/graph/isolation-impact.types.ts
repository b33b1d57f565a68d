/** The result of an isolation-impact query: what stops, or slows, if a set of hosts is cut off. */
import type { Criticality } from '../schema.js';

/** What to isolate. Segments, entities and regions stand for all their hosts (a region: its entities'). */
export interface IsolationTarget {
  hosts?: readonly string[];
  segments?: readonly string[];
  entities?: readonly string[];
  regions?: readonly string[];
}

export type ServiceStatus = 'down' | 'degraded';

/** Throughput a service loses per hour. */
export interface ThroughputLoss {
  unit: string;
  /** Lost per hour. */
  perHour: number;
  /** The service's normal throughput per hour. */
  normalPerHour: number;
}

/** An amount per hour of one unit (orders, invoices, prints...). */
export interface UnitRate {
  unit: string;
  perHour: number;
}

export interface ImpactedService {
  id: string;
  name: string;
  /** Owner entity, whose business stops when the service stops. */
  entity: string;
  region: string | null;
  criticality: Criticality;
  status: ServiceStatus;
  /** Share of normal capacity left, from 0 (down) to just under 1. */
  capacity: number;
  hosts: { isolated: number; total: number };
  /** Every direct cause, e.g. `2 of 4 hosts isolated`, `depends on identity-emea (down)`. */
  reasons: string[];
  /** From this service to the root cause, following the decisive cause at each step. */
  chain: string[];
  /** `null` when the service declares no throughput. */
  lost: ThroughputLoss | null;
}

/** Impact on one entity: its isolated hosts, and the services it owns. */
export interface EntityImpact {
  id: string;
  name: string;
  region: string | null;
  hostsIsolated: number;
  servicesDown: number;
  servicesDegraded: number;
  lostPerHour: UnitRate[];
}

export interface RegionImpact extends Omit<EntityImpact, 'region'> {
  /** Affected entities of the region. */
  entities: string[];
}

export interface IsolationImpact {
  /** The target as resolved: de-duplicated ids that exist in the estate. */
  target: { hosts: string[]; segments: string[]; entities: string[]; regions: string[] };
  /** Every host that the target isolates. */
  isolatedHosts: string[];
  totals: { hostsIsolated: number; servicesDown: number; servicesDegraded: number; lostPerHour: UnitRate[] };
  /** Affected services: down first, then degraded; by criticality, then by capacity left. */
  services: ImpactedService[];
  byEntity: EntityImpact[];
  byRegion: RegionImpact[];
  /** How degraded capacity and lost throughput are estimated. */
  assumptions: string[];
}

/** The result of a blast-radius query: what compromised hosts can reach, and what is at risk because of it. */
import type { Criticality, DataStore, ExternalLink } from '../schema.js';
import type { PortSet } from './ports.js';

/** A segment the attacker can reach from the compromised hosts. */
export interface ReachedSegment {
  id: string;
  name: string;
  entity: string;
  /** Links crossed from the nearest compromised host's segment (0 for those segments). */
  hops: number;
  /** The segment it is first reached from on a shortest path; `null` for a compromised host's segment. */
  via: string | null;
  /** Ports on which it can be entered from reached segments: `any`, or the union of the links' port lists. */
  ports: PortSet;
  /** Number of hosts in the segment. */
  hosts: number;
  /** Its exposure points (internet, partner, VPN, cloud). */
  external: ExternalLink[];
}

/** Why a service is at risk: it runs on reached hosts, or it depends on an at-risk service. */
export type RiskCause = { kind: 'hosts'; hosts: number } | { kind: 'dependency'; on: string };

export interface AtRiskService {
  id: string;
  name: string;
  /** Owner entity. */
  entity: string;
  /** Region of the owner entity, `null` when unknown. */
  region: string | null;
  criticality: Criticality;
  cause: RiskCause;
  /** The cause in words, e.g. `runs on 2 reached hosts` or `depends on identity-emea (at risk)`. */
  reason: string;
}

/** An entity touched by the blast radius, through its hosts or the services it owns. */
export interface TouchedEntity {
  id: string;
  name: string;
  region: string | null;
  hostsReached: number;
  servicesAtRisk: number;
}

export interface TouchedRegion {
  id: string;
  name: string;
  /** Touched entities of the region. */
  entities: string[];
  hostsReached: number;
  servicesAtRisk: number;
}

/** A data store on a reached host, with the owner entity of that host. */
export type ReachedDataStore = DataStore & { entity: string };

/** Personal data at risk, per category: the figures the legal team needs. */
export interface PersonalDataAtRisk {
  category: string;
  stores: number;
  records: number;
  /** Countries of the data subjects across those stores. */
  subjectCountries: string[];
}

/** A reached segment with connectivity that leaves the estate. */
export interface ExposurePoint {
  segment: string;
  hops: number;
  external: ExternalLink[];
}

export interface BlastRadiusTotals {
  segments: number;
  hosts: number;
  services: number;
  entities: number;
  regions: number;
  dataStores: number;
  /** Data stores holding personal data, and their records. */
  personalDataStores: number;
  personalRecords: number;
  exposurePoints: number;
}

export interface BlastRadius {
  /** The compromised hostnames, de-duplicated. */
  compromised: string[];
  totals: BlastRadiusTotals;
  hostsByCriticality: Record<Criticality, number>;
  /** Reached segments, nearest first. */
  segments: ReachedSegment[];
  /** Hostnames reached (compromised ones included), segment by segment, nearest first. */
  hosts: string[];
  /** At-risk services: those on reached hosts first, then dependents in order of discovery. */
  services: AtRiskService[];
  entities: TouchedEntity[];
  regions: TouchedRegion[];
  dataStores: ReachedDataStore[];
  personalData: PersonalDataAtRisk[];
  exposure: {
    /** Exposure points of the compromised hosts' own segments (entry or exfiltration paths). */
    compromised: ExposurePoint[];
    /** Every reached exposure point, the compromised ones included. */
    reachable: ExposurePoint[];
  };
}

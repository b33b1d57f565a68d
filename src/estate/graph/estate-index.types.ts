/**
 * The precomputed estate index: integer ids for every record and packed adjacency, built once per estate
 * revision by `buildEstateIndex` and shared by every graph query. Treat it as read-only.
 */
import type { Issue } from '../../shared/errors.js';
import type { DataStore, EstateDocument, Host, Segment, Service } from '../schema.js';
import type { Csr } from './csr.js';
import type { PortSet } from './ports.js';

/** Dense integer ids for string ids: `ids[n]` is the string of integer id `n`. */
export interface IdMap {
  readonly ids: readonly string[];
  readonly size: number;
  /** The integer id, or -1 when unknown. */
  get(id: string): number;
}

export interface RegionTable {
  readonly ids: IdMap;
  readonly names: readonly string[];
  /** Entities of each region. */
  readonly entities: Csr;
}

export interface EntityTable {
  readonly ids: IdMap;
  readonly names: readonly string[];
  /** Region of each entity, -1 when the entity names no known region. */
  readonly region: Int32Array;
  /** Hosts owned by each entity (`host.entity`). */
  readonly hosts: Csr;
}

export interface SegmentTable {
  readonly ids: IdMap;
  /** The segment records, aligned with `ids` (first occurrence of a duplicated id). */
  readonly records: readonly Segment[];
  readonly entity: Int32Array;
  readonly hosts: Csr;
  /** Directed edges: from a segment to the segments its hosts may open connections to. */
  readonly links: Csr;
  /** Parallel to `links.items`: index into `EstateIndex.portSets`. */
  readonly linkPorts: Int32Array;
}

export interface HostTable {
  readonly ids: IdMap;
  readonly records: readonly Host[];
  /** Segment of each host, -1 when its segment is unknown. */
  readonly segment: Int32Array;
  readonly entity: Int32Array;
}

export interface ServiceTable {
  readonly ids: IdMap;
  readonly records: readonly Service[];
  readonly entity: Int32Array;
  /** Known hosts of each service, de-duplicated. */
  readonly hosts: Csr;
  /** Known services each service depends on. */
  readonly dependsOn: Csr;
  /** The reverse of `dependsOn`: services that depend on each service. */
  readonly dependents: Csr;
}

export interface DataStoreTable {
  readonly records: readonly DataStore[];
  /** Host of each data store, -1 when unknown. */
  readonly host: Int32Array;
}

/** Everything the graph queries need, precomputed from one estate revision. */
export interface EstateIndex {
  readonly doc: EstateDocument;
  readonly regions: RegionTable;
  readonly entities: EntityTable;
  readonly segments: SegmentTable;
  readonly hosts: HostTable;
  readonly services: ServiceTable;
  readonly dataStores: DataStoreTable;
  /** Distinct link port sets; `portSets[0]` is `any`. */
  readonly portSets: readonly PortSet[];
  /** Dangling references and duplicates found while indexing; they are left out of the index. */
  readonly issues: readonly Issue[];
}

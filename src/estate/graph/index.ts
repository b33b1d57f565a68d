/**
 * Estate graph queries (pure): build the index once per estate revision, then ask what compromised hosts can
 * reach (blast radius) and what isolating hosts, segments, entities or regions would stop (isolation impact).
 *
 * @example
 * const index = buildEstateIndex(doc);
 * blastRadius(index, ['tk-fs01']).totals;
 * isolationImpact(index, { regions: ['emea'] }).totals.lostPerHour;
 */
export { buildEstateIndex } from './estate-index.js';
export type {
  DataStoreTable,
  EntityTable,
  EstateIndex,
  HostTable,
  IdMap,
  RegionTable,
  SegmentTable,
  ServiceTable,
} from './estate-index.types.js';
export type { Csr } from './csr.js';

export { blastRadius } from './blast-radius.js';
export type {
  AtRiskService,
  BlastRadius,
  BlastRadiusTotals,
  ExposurePoint,
  PersonalDataAtRisk,
  ReachedDataStore,
  ReachedSegment,
  RiskCause,
  TouchedEntity,
  TouchedRegion,
} from './blast-radius.types.js';

export { isolationImpact, ISOLATION_ASSUMPTIONS } from './isolation-impact.js';
export type {
  EntityImpact,
  ImpactedService,
  IsolationImpact,
  IsolationTarget,
  RegionImpact,
  ServiceStatus,
  ThroughputLoss,
  UnitRate,
} from './isolation-impact.types.js';

export { reachSegments, reachedPorts, reachPath, type SegmentReach } from './reach.js';
export { normalisePorts, unionPorts, type PortSet } from './ports.js';

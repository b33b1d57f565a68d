/** Turns the integer-id results of a blast-radius query into the records a responder reads. */
import type {
  AtRiskService,
  ExposurePoint,
  PersonalDataAtRisk,
  ReachedDataStore,
  TouchedEntity,
  TouchedRegion,
} from './blast-radius.types.js';
import type { EstateIndex } from './estate-index.types.js';
import { entityId, entityRegion } from './lookup.js';
import type { SegmentReach } from './reach.js';
import { OWN_HOSTS, type ServiceRisk } from './services-at-risk.js';

/** At-risk services with their cause in words. */
export function presentServices(index: EstateIndex, risk: ServiceRisk): AtRiskService[] {
  const { records, entity, ids } = index.services;
  return risk.order.map((s) => {
    const service = records[s]!;
    const cause = risk.cause[s]!;
    const hosts = risk.hostsReached[s]!;
    const on = ids.ids[cause] ?? '';
    return {
      id: service.id,
      name: service.name,
      entity: service.entity,
      region: entityRegion(index, entity[s]!),
      criticality: service.criticality,
      cause: cause === OWN_HOSTS ? { kind: 'hosts', hosts } : { kind: 'dependency', on },
      reason:
        cause === OWN_HOSTS
          ? `runs on ${hosts} reached host${hosts === 1 ? '' : 's'}`
          : `depends on ${on} (at risk)`,
    };
  });
}

function byImpact(a: TouchedEntity | TouchedRegion, b: TouchedEntity | TouchedRegion): number {
  return b.hostsReached - a.hostsReached || b.servicesAtRisk - a.servicesAtRisk || a.id.localeCompare(b.id);
}

/** Entities touched by reached hosts or at-risk services they own, and their regions; most hit first. */
export function touchedOrg(index: EstateIndex, hosts: readonly number[], risk: ServiceRisk) {
  const hostCount = new Int32Array(index.entities.ids.size);
  const serviceCount = new Int32Array(index.entities.ids.size);
  for (const h of hosts) {
    const e = index.hosts.entity[h]!;
    if (e >= 0) hostCount[e]! += 1;
  }
  for (const s of risk.order) serviceCount[index.services.entity[s]!]! += 1;
  const entities: TouchedEntity[] = [];
  const regions = new Map<string, TouchedRegion>();
  for (let e = 0; e < hostCount.length; e += 1) {
    if (hostCount[e] === 0 && serviceCount[e] === 0) continue;
    const touched = {
      id: entityId(index, e),
      name: index.entities.names[e] ?? '',
      region: entityRegion(index, e),
      hostsReached: hostCount[e]!,
      servicesAtRisk: serviceCount[e]!,
    };
    entities.push(touched);
    if (touched.region === null) continue;
    const region = regions.get(touched.region) ?? {
      id: touched.region,
      name: index.regions.names[index.entities.region[e]!] ?? touched.region,
      entities: [],
      hostsReached: 0,
      servicesAtRisk: 0,
    };
    region.entities.push(touched.id);
    region.hostsReached += touched.hostsReached;
    region.servicesAtRisk += touched.servicesAtRisk;
    regions.set(region.id, region);
  }
  return { entities: entities.sort(byImpact), regions: [...regions.values()].sort(byImpact) };
}

function addPersonalData(totals: Map<string, PersonalDataAtRisk>, store: ReachedDataStore): void {
  for (const category of new Set(store.personalData)) {
    const total = totals.get(category) ?? { category, stores: 0, records: 0, subjectCountries: [] };
    total.stores += 1;
    total.records += store.records;
    for (const country of store.subjectCountries) {
      if (!total.subjectCountries.includes(country)) total.subjectCountries.push(country);
    }
    totals.set(category, total);
  }
}

/** Data stores on reached hosts, and personal data totals per category (most records first). */
export function dataAtRisk(index: EstateIndex, hostReached: Uint8Array) {
  const dataStores: ReachedDataStore[] = [];
  const totals = new Map<string, PersonalDataAtRisk>();
  index.dataStores.records.forEach((store, i) => {
    const h = index.dataStores.host[i]!;
    if (h < 0 || hostReached[h] !== 1) return;
    const reached = { ...store, entity: entityId(index, index.hosts.entity[h]!) };
    dataStores.push(reached);
    addPersonalData(totals, reached);
  });
  const personalData = [...totals.values()].sort((a, b) => b.records - a.records || a.category.localeCompare(b.category));
  for (const total of personalData) total.subjectCountries.sort();
  return { dataStores, personalData };
}

/** Reached segments with external connectivity; `compromised` keeps those of the compromised hosts. */
export function exposurePoints(index: EstateIndex, reach: SegmentReach) {
  const reachable: ExposurePoint[] = [];
  for (const s of reach.order) {
    const segment = index.segments.records[s]!;
    if (segment.external.length === 0) continue;
    reachable.push({ segment: segment.id, hops: reach.hops[s]!, external: segment.external });
  }
  return { compromised: reachable.filter((p) => p.hops === 0), reachable };
}

/** Totals of an isolation impact: lost throughput per unit, per entity and per region. */
import type { EstateIndex } from './estate-index.types.js';
import type { EntityImpact, ImpactedService, RegionImpact, UnitRate } from './isolation-impact.types.js';
import { entityId, entityRegion } from './lookup.js';

/** Sums rates per unit, largest first. */
export function sumRates(rates: Iterable<UnitRate>): UnitRate[] {
  const totals = new Map<string, number>();
  for (const { unit, perHour } of rates) totals.set(unit, (totals.get(unit) ?? 0) + perHour);
  return [...totals].map(([unit, perHour]) => ({ unit, perHour })).sort((a, b) => b.perHour - a.perHour);
}

/** Lost throughput of `services`, per unit, largest first. */
export function lostPerUnit(services: readonly ImpactedService[]): UnitRate[] {
  return sumRates(services.flatMap(({ lost }) => (lost ? [{ unit: lost.unit, perHour: lost.perHour }] : [])));
}

function emptyImpact(index: EstateIndex, e: number): EntityImpact {
  return {
    id: entityId(index, e),
    name: index.entities.names[e] ?? '',
    region: entityRegion(index, e),
    hostsIsolated: 0,
    servicesDown: 0,
    servicesDegraded: 0,
    lostPerHour: [],
  };
}

function byImpact(a: EntityImpact | RegionImpact, b: EntityImpact | RegionImpact): number {
  return (
    b.servicesDown - a.servicesDown ||
    b.servicesDegraded - a.servicesDegraded ||
    b.hostsIsolated - a.hostsIsolated ||
    a.id.localeCompare(b.id)
  );
}

/** Per entity: its isolated hosts and the services it owns that are down or degraded; most hit first. */
export function entityImpacts(index: EstateIndex, isolated: Uint8Array, services: readonly ImpactedService[]) {
  const impacts = new Map<number, EntityImpact>();
  const get = (e: number) => impacts.get(e) ?? impacts.set(e, emptyImpact(index, e)).get(e)!;
  isolated.forEach((flag, h) => {
    const e = index.hosts.entity[h]!;
    if (flag === 1 && e >= 0) get(e).hostsIsolated += 1;
  });
  const owned = new Map<number, ImpactedService[]>();
  for (const service of services) {
    const e = index.entities.ids.get(service.entity);
    const impact = get(e);
    if (service.status === 'down') impact.servicesDown += 1;
    else impact.servicesDegraded += 1;
    const list = owned.get(e);
    if (list) list.push(service);
    else owned.set(e, [service]);
  }
  for (const [e, list] of owned) get(e).lostPerHour = lostPerUnit(list);
  return [...impacts.values()].sort(byImpact);
}

/** Rolls entity impacts up to their regions (entities without a region are left out). */
export function regionImpacts(index: EstateIndex, entities: readonly EntityImpact[]): RegionImpact[] {
  const regions = new Map<string, RegionImpact & { rates: UnitRate[] }>();
  for (const entity of entities) {
    if (entity.region === null) continue;
    const region = regions.get(entity.region) ?? {
      id: entity.region,
      name: index.regions.names[index.regions.ids.get(entity.region)] ?? entity.region,
      entities: [],
      hostsIsolated: 0,
      servicesDown: 0,
      servicesDegraded: 0,
      lostPerHour: [],
      rates: [],
    };
    region.entities.push(entity.id);
    region.hostsIsolated += entity.hostsIsolated;
    region.servicesDown += entity.servicesDown;
    region.servicesDegraded += entity.servicesDegraded;
    region.rates.push(...entity.lostPerHour);
    regions.set(region.id, region);
  }
  return [...regions.values()]
    .map(({ rates, ...region }) => ({ ...region, lostPerHour: sumRates(rates) }))
    .sort(byImpact);
}

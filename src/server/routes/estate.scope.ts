/**
 * Trims blast-radius and isolation-impact results to the caller's entities. Totals stay whole (a UK lead must
 * know that an attacker on a UK host can reach 300 hosts elsewhere) and `hidden` says how much was left out.
 * Results are rebuilt field by field, never spread, so that a field added to a result later is not passed on
 * unscoped by accident.
 */
import type { BlastRadius, IsolationImpact } from '../../estate/graph/index.js';

type Keep = (entity: string) => boolean;
/** The owning entity of a hostname. */
type HostEntity = (hostname: string) => string | undefined;

export interface Hidden {
  segments: number;
  hosts: number;
  services: number;
  entities: number;
  dataStores: number;
}

function trimmed<T>(items: readonly T[], keep: (item: T) => boolean): { kept: T[]; hidden: number } {
  const kept = items.filter(keep);
  return { kept, hidden: items.length - kept.length };
}

export function scopeBlastRadius(result: BlastRadius, keep: Keep, hostEntity: HostEntity): BlastRadius & { hidden: Hidden } {
  const segments = trimmed(result.segments, (s) => keep(s.entity));
  const visibleSegments = new Set(segments.kept.map((s) => s.id));
  const services = trimmed(result.services, (s) => keep(s.entity));
  const entities = trimmed(result.entities, (e) => keep(e.id));
  const dataStores = trimmed(result.dataStores, (d) => keep(d.entity));
  const visibleStores = dataStores.kept.filter((d) => d.personalData.length > 0);
  const hosts = trimmed(result.hosts, (h) => keep(hostEntity(h) ?? ''));
  return {
    compromised: result.compromised,
    totals: result.totals,
    hostsByCriticality: result.hostsByCriticality,
    segments: segments.kept,
    hosts: hosts.kept,
    services: services.kept,
    entities: entities.kept,
    regions: result.regions.map((r) => ({ ...r, entities: r.entities.filter(keep) })).filter((r) => r.entities.length > 0),
    dataStores: dataStores.kept,
    personalData: result.personalData
      .map((p) => {
        const stores = visibleStores.filter((d) => d.personalData.includes(p.category));
        const countries = new Set(stores.flatMap((d) => d.subjectCountries));
        return { category: p.category, stores: stores.length, records: stores.reduce((n, d) => n + d.records, 0), subjectCountries: [...countries].sort() };
      })
      .filter((p) => p.stores > 0),
    exposure: {
      compromised: result.exposure.compromised.filter((e) => visibleSegments.has(e.segment)),
      reachable: result.exposure.reachable.filter((e) => visibleSegments.has(e.segment)),
    },
    hidden: { segments: segments.hidden, hosts: hosts.hidden, services: services.hidden, entities: entities.hidden, dataStores: dataStores.hidden },
  };
}

export function scopeIsolationImpact(result: IsolationImpact, keep: Keep, hostEntity: HostEntity): IsolationImpact & { hidden: Pick<Hidden, 'services' | 'entities' | 'hosts'> } {
  const services = trimmed(result.services, (s) => keep(s.entity));
  const entities = trimmed(result.byEntity, (e) => keep(e.id));
  const hosts = trimmed(result.isolatedHosts, (h) => keep(hostEntity(h) ?? ''));
  return {
    target: result.target,
    totals: result.totals,
    assumptions: result.assumptions,
    isolatedHosts: hosts.kept,
    services: services.kept,
    byEntity: entities.kept,
    byRegion: result.byRegion.map((r) => ({ ...r, entities: r.entities.filter(keep) })).filter((r) => r.entities.length > 0),
    hidden: { services: services.hidden, entities: entities.hidden, hosts: hosts.hidden },
  };
}

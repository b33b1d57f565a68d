/** Resolves an isolation target (hosts, segments, entities, regions) to the set of hosts it cuts off. */
import type { EstateIndex } from './estate-index.types.js';
import type { IsolationImpact, IsolationTarget } from './isolation-impact.types.js';
import { rowItems } from './lookup.js';
import { Resolver } from './resolve.js';

/** The isolated hosts as flags (by host integer id) and the target as resolved. */
export interface ResolvedIsolation {
  isolated: Uint8Array;
  target: IsolationImpact['target'];
}

/**
 * Resolves every id of the target and flags the hosts it isolates.
 *
 * @throws UserError `not_found` listing every unknown id, by list (`hosts`, `segments`, ...).
 * @example
 * resolveIsolation(index, { regions: ['emea'] }).isolated; // 1 for every host of an EMEA entity
 */
export function resolveIsolation(index: EstateIndex, target: IsolationTarget): ResolvedIsolation {
  const r = new Resolver();
  const hosts = r.resolve(index.hosts.ids, target.hosts ?? [], 'host', 'hosts');
  const segments = r.resolve(index.segments.ids, target.segments ?? [], 'segment', 'segments');
  const entities = r.resolve(index.entities.ids, target.entities ?? [], 'entity', 'entities');
  const regions = r.resolve(index.regions.ids, target.regions ?? [], 'region', 'regions');
  r.assertAllKnown();
  const isolated = new Uint8Array(index.hosts.ids.size);
  for (const h of hosts) isolated[h] = 1;
  for (const s of segments) for (const h of rowItems(index.segments.hosts, s)) isolated[h] = 1;
  const allEntities = new Set(entities);
  for (const region of regions) for (const e of rowItems(index.regions.entities, region)) allEntities.add(e);
  for (const e of allEntities) for (const h of rowItems(index.entities.hosts, e)) isolated[h] = 1;
  const names = (ids: { ids: readonly string[] }, list: number[]) => list.map((n) => ids.ids[n]!);
  return {
    isolated,
    target: {
      hosts: names(index.hosts.ids, hosts),
      segments: names(index.segments.ids, segments),
      entities: names(index.entities.ids, entities),
      regions: names(index.regions.ids, regions),
    },
  };
}

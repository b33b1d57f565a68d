/**
 * Which personal data an entity has on hosts the incident reached: data stores on hosts that are in scope or
 * suspected (a host inherits the state of its segment unless it has its own), with categories, record counts
 * and subjects' countries.
 */
import type { DataStore, Entity, EstateDocument } from '../estate/index.js';
import type { ScopeView } from '../incident/index.js';

/** A host or segment and its scope state (`suspected`, `in_scope`, `cleared`). */
export interface ScopedRef {
  ref: string;
  state: string;
}

/** The incident's scope as the obligations need it. */
export interface IncidentScope {
  hosts: readonly ScopedRef[];
  segments?: readonly ScopedRef[] | undefined;
}

export type ObligationEstate = Pick<EstateDocument, 'entities' | 'hosts' | 'dataStores'>;

export type ReachedState = 'in_scope' | 'suspected';

export interface ExposedStore {
  store: DataStore;
  hostState: ReachedState;
}

export interface EntityExposure {
  entity: Entity;
  /** The entity's hosts by scope state (hosts not in the scope are not listed). */
  hosts: Record<'in_scope' | 'suspected' | 'cleared', string[]>;
  /** The entity's data stores holding personal data on in-scope or suspected hosts. */
  stores: ExposedStore[];
  /** How many data stores the entity has in all. */
  storeCount: number;
}

/**
 * The scope from the incident's scope projection.
 *
 * @example
 * scopeFromView(projectScope(log.map(decodeEvent)));
 */
export function scopeFromView(view: ScopeView): IncidentScope {
  return { hosts: view.host, segments: view.segment };
}

function hostStates(estate: ObligationEstate, scope: IncidentScope): Map<string, string> {
  const segments = new Map((scope.segments ?? []).map((item) => [item.ref, item.state]));
  const states = new Map<string, string>();
  for (const host of estate.hosts) {
    const state = segments.get(host.segment);
    if (state !== undefined) states.set(host.hostname, state);
  }
  for (const item of scope.hosts) states.set(item.ref, item.state);
  return states;
}

/**
 * The exposure of every entity, by entity id.
 *
 * @example
 * exposures(estate, { hosts: [{ ref: 'tk-fs01', state: 'in_scope' }] }).get('fujifilm-jp')?.stores.length; // 2
 */
export function exposures(estate: ObligationEstate, scope: IncidentScope): Map<string, EntityExposure> {
  const states = hostStates(estate, scope);
  const hostEntity = new Map(estate.hosts.map((host) => [host.hostname, host.entity]));
  const out = new Map<string, EntityExposure>();
  for (const entity of estate.entities) {
    out.set(entity.id, { entity, hosts: { in_scope: [], suspected: [], cleared: [] }, stores: [], storeCount: 0 });
  }
  for (const host of estate.hosts) {
    const state = states.get(host.hostname);
    const exposure = out.get(host.entity);
    if (exposure && (state === 'in_scope' || state === 'suspected' || state === 'cleared'))
      exposure.hosts[state].push(host.hostname);
  }
  for (const store of estate.dataStores) {
    const exposure = out.get(hostEntity.get(store.host) ?? '');
    if (!exposure) continue;
    exposure.storeCount += 1;
    const state = states.get(store.host);
    if ((state === 'in_scope' || state === 'suspected') && store.personalData.length > 0) {
      exposure.stores.push({ store, hostState: state });
    }
  }
  return out;
}

/**
 * Records in the stores (an upper estimate of persons), optionally only stores with subjects in `countries`.
 *
 * @example
 * recordCount(exposure.stores, new Set(['JP'])); // 120000
 */
export function recordCount(stores: readonly ExposedStore[], countries?: ReadonlySet<string>): number {
  return stores
    .filter((item) => countries === undefined || item.store.subjectCountries.some((country) => countries.has(country)))
    .reduce((sum, item) => sum + item.store.records, 0);
}

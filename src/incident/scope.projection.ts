/** The scope projection: per host, segment and entity, the current scope state, its owner and its evidence. */
import type { DecodedEvent } from './decode.js';
import { SCOPE_KINDS, type ScopeKind } from './fields.js';

export interface ScopeChange {
  seq: number;
  at: string;
  actor: string;
  state: string;
  evidence: string;
  entity: string | null;
}

export interface ScopeItem {
  kind: ScopeKind;
  /** Hostname, segment id or entity id. */
  ref: string;
  state: string;
  /** The owning entity (for an entity: itself), or null when unknown. */
  entity: string | null;
  updatedAt: string;
  /** Every change, oldest first, with its evidence and actor. */
  history: ScopeChange[];
}

/** Scope items per kind, each list sorted by ref. */
export type ScopeView = Record<ScopeKind, ScopeItem[]>;

export interface AffectedAsset {
  ref: string;
  state: 'suspected' | 'in_scope';
  entity: string | null;
}

/** Hosts, segments and entities currently suspected or in scope. */
export interface AffectedAssets {
  hosts: AffectedAsset[];
  segments: AffectedAsset[];
  entities: AffectedAsset[];
}

function isScopeKind(kind: string): kind is ScopeKind {
  return (SCOPE_KINDS as readonly string[]).includes(kind);
}

/**
 * The scope of an incident, rebuilt from its `scope.changed` events.
 *
 * @example
 * projectScope(log.map(decodeEvent)).host.find((item) => item.ref === 'tk-fs01')?.state; // 'in_scope'
 */
export function projectScope(events: readonly DecodedEvent[]): ScopeView {
  const items = new Map<string, ScopeItem>();
  for (const decoded of events) {
    if (decoded.kind !== 'scope.changed' || !isScopeKind(decoded.payload.kind)) continue;
    const { event, payload } = decoded;
    const kind = payload.kind as ScopeKind;
    const key = `${kind}\u0000${payload.ref}`;
    const previous = items.get(key);
    const given = kind === 'entity' ? payload.ref : (payload.entity ?? null);
    const entity = given ?? previous?.entity ?? null;
    const change: ScopeChange = { seq: event.seq, at: event.at, actor: event.actor, state: payload.state, evidence: payload.evidence, entity: given };
    const history = [...(previous?.history ?? []), change];
    items.set(key, { kind, ref: payload.ref, state: payload.state, entity, updatedAt: event.at, history });
  }
  const view: ScopeView = { host: [], segment: [], entity: [] };
  for (const item of items.values()) view[item.kind].push(item);
  for (const kind of SCOPE_KINDS) view[kind].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return view;
}

function affectedOf(items: readonly ScopeItem[]): AffectedAsset[] {
  return items
    .filter((item) => item.state === 'suspected' || item.state === 'in_scope')
    .map((item) => ({ ref: item.ref, state: item.state as AffectedAsset['state'], entity: item.entity }));
}

function strongest(a: AffectedAsset['state'] | undefined, b: AffectedAsset['state']): AffectedAsset['state'] {
  return a === 'in_scope' || b === 'in_scope' ? 'in_scope' : 'suspected';
}

/**
 * What is currently suspected or in scope. An entity is affected when it is itself suspected or in scope, or
 * when one of its hosts or segments is; it takes the strongest of those states (in scope beats suspected), so
 * a compromised host keeps its entity affected even after the entity was cleared.
 *
 * @example
 * affectedAssets(projectScope(decoded)).entities.map((asset) => asset.ref); // ['fujifilm-jp']
 */
export function affectedAssets(scope: ScopeView): AffectedAssets {
  const hosts = affectedOf(scope.host);
  const segments = affectedOf(scope.segment);
  const entities = new Map<string, AffectedAsset['state']>();
  for (const asset of affectedOf(scope.entity)) entities.set(asset.ref, asset.state);
  for (const asset of [...hosts, ...segments]) {
    if (asset.entity !== null) entities.set(asset.entity, strongest(entities.get(asset.entity), asset.state));
  }
  const entityAssets = [...entities.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ref, state]) => ({ ref, state, entity: ref }));
  return { hosts, segments, entities: entityAssets };
}

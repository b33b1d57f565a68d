/** Pure helpers of the estate page: search matches, the blast radius and an incident's scope as node keys. */
import type { EstateDocument } from '../../../src/estate/schema';
import type { BlastRadiusView, IncidentView } from '../api/schemas';
import { count } from '../ui/text';
import { nodeKey, type NodeKind } from './map/graph';

export interface SearchHit {
  key: string;
  kind: NodeKind;
  ref: string;
  label: string;
  detail: string;
}

/** Hosts by hostname, IP or role; segments, entities and services by id or name. Case-insensitive. */
export function searchEstate(doc: EstateDocument, text: string): SearchHit[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const has = (...values: string[]) => values.some((v) => v.toLowerCase().includes(q));
  const hits: SearchHit[] = [];
  for (const e of doc.entities)
    if (has(e.id, e.name))
      hits.push({
        key: nodeKey('entity', e.id),
        kind: 'entity',
        ref: e.id,
        label: e.name,
        detail: `entity · ${e.country}`,
      });
  for (const s of doc.segments)
    if (has(s.id, s.name))
      hits.push({
        key: nodeKey('segment', s.id),
        kind: 'segment',
        ref: s.id,
        label: s.name,
        detail: `segment · ${s.cidrs.join(', ')}`,
      });
  for (const s of doc.services)
    if (has(s.id, s.name))
      hits.push({
        key: nodeKey('service', s.id),
        kind: 'service',
        ref: s.id,
        label: s.name,
        detail: `service · ${s.entity}`,
      });
  for (const h of doc.hosts) {
    if (has(h.hostname, h.role) || h.ips.some((ip) => ip.startsWith(q))) {
      hits.push({
        key: nodeKey('host', h.hostname),
        kind: 'host',
        ref: h.hostname,
        label: h.hostname,
        detail: `${h.role} · ${h.ips[0] ?? ''} · ${h.criticality}`,
      });
    }
  }
  return hits;
}

/** Node keys of everything the blast radius reaches. Entity-scoped answers may omit hosts: use the segments'. */
export function blastKeys(blast: BlastRadiusView, doc: EstateDocument): Set<string> {
  const keys = new Set<string>();
  const segments = new Set(blast.segments.map((s) => s.id));
  for (const id of segments) keys.add(nodeKey('segment', id));
  const hosts =
    blast.hosts.length > 0 ? blast.hosts : doc.hosts.filter((h) => segments.has(h.segment)).map((h) => h.hostname);
  for (const h of hosts) keys.add(nodeKey('host', h));
  for (const h of blast.compromised) keys.add(nodeKey('host', h));
  for (const s of blast.services) keys.add(nodeKey('service', s.id));
  for (const e of blast.entities) keys.add(nodeKey('entity', e.id));
  for (const r of blast.regions) keys.add(nodeKey('region', r.id));
  return keys;
}

/** Scope state per node key of an incident, as recorded. */
export function scopeKeys(view: IncidentView): Map<string, string> {
  const states = new Map<string, string>();
  for (const kind of ['entity', 'segment', 'host'] as const)
    for (const item of view.scope[kind]) states.set(nodeKey(kind, item.ref), item.state);
  return states;
}

/** Entities affected through their hosts or segments (an entity with a host in scope is itself in scope). */
export function affectedEntityKeys(view: IncidentView): Map<string, string> {
  return new Map(view.affected.entities.map((entity) => [nodeKey('entity', entity.ref), entity.state]));
}

/** "2,000 hosts in 19 segments of 6 entities, 21 services" */
export function describeEstate(doc: EstateDocument): string {
  return `${count(doc.hosts.length, 'host')} in ${count(doc.segments.length, 'segment')} of ${count(doc.entities.length, 'entity', 'entities')}, ${count(doc.services.length, 'service')}`;
}

/**
 * The estate as a graphology graph for sigma: regions, entities, segments, hosts and services as nodes, placed
 * by `layoutEstate`. Edges: region–entity, entity–segment, segment links (the network) and service–host /
 * service–service dependencies. Hosts have no edge to their segment: the cluster shows membership, and 2,000
 * fewer edges keep the map fast and readable.
 */
import Graph from 'graphology';
import type { EstateDocument } from '../../../../src/estate/schema';
import { layoutEstate } from './layout';

export type NodeKind = 'region' | 'entity' | 'segment' | 'host' | 'service';
export type EdgeKind = 'org' | 'link' | 'service';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  label: string;
  kind: NodeKind;
  /** The id within its kind: hostname, segment id... */
  ref: string;
  criticality: string;
  /** Owner entity (for entities: itself; for regions: none). */
  entity: string | null;
  segment: string | null;
  forceLabel?: boolean;
}

export interface EdgeAttributes {
  kind: EdgeKind;
  size: number;
}

export type EstateGraph = Graph<NodeAttributes, EdgeAttributes>;

// Screen pixels at the default zoom. Segments are just above the label threshold (7), so their labels show
// where there is room; hosts far below it, so theirs appear only once zoomed in.
const SIZES: Record<NodeKind, number> = { region: 13, entity: 10, segment: 7.5, service: 4, host: 1.6 };

export const nodeKey = (kind: NodeKind, ref: string): string => `${kind}:${ref}`;

export function buildEstateGraph(doc: EstateDocument): EstateGraph {
  const positions = layoutEstate(doc);
  const graph: EstateGraph = new Graph({ type: 'undirected', multi: false });
  const add = (kind: NodeKind, ref: string, attrs: Omit<NodeAttributes, 'x' | 'y' | 'size' | 'kind' | 'ref'>) => {
    const key = nodeKey(kind, ref);
    const at = positions.get(key);
    if (!at || graph.hasNode(key)) return;
    graph.addNode(key, { ...attrs, kind, ref, x: at.x, y: at.y, size: SIZES[kind] });
  };
  const link = (a: string, b: string, kind: EdgeKind, size: number) => {
    if (a !== b && graph.hasNode(a) && graph.hasNode(b)) graph.mergeEdge(a, b, { kind, size });
  };

  for (const r of doc.regions)
    add('region', r.id, { label: r.name, criticality: 'medium', entity: null, segment: null, forceLabel: true });
  for (const e of doc.entities)
    add('entity', e.id, { label: e.name, criticality: 'medium', entity: e.id, segment: null });
  for (const s of doc.segments)
    add('segment', s.id, { label: s.name, criticality: 'medium', entity: s.entity, segment: s.id });
  for (const h of doc.hosts)
    add('host', h.hostname, { label: h.hostname, criticality: h.criticality, entity: h.entity, segment: h.segment });
  for (const s of doc.services)
    add('service', s.id, { label: s.name, criticality: s.criticality, entity: s.entity, segment: null });

  for (const e of doc.entities) link(nodeKey('region', e.region), nodeKey('entity', e.id), 'org', 1);
  for (const s of doc.segments) link(nodeKey('entity', s.entity), nodeKey('segment', s.id), 'org', 1);
  for (const l of doc.links)
    link(nodeKey('segment', l.from), nodeKey('segment', l.to), 'link', l.ports === 'any' ? 1.6 : 1);
  for (const s of doc.services) {
    for (const h of s.hosts) link(nodeKey('service', s.id), nodeKey('host', h), 'service', 0.6);
    for (const d of s.dependsOn) link(nodeKey('service', s.id), nodeKey('service', d), 'service', 0.8);
  }
  return graph;
}

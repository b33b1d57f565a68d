/** Indexing of segments, hosts and links. */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument, Host, Segment } from '../schema.js';
import { CsrBuilder, type Csr } from './csr.js';
import type { HostTable } from './estate-index.types.js';
import type { OrgBuilder } from './index-org.js';
import { duplicateIssue, unknownIssue } from './index-issues.js';
import { Interner } from './interner.js';
import { normalisePorts, portSetKey, type PortSet } from './ports.js';

/** Segments with integer ids, aligned records and owner entities. */
export interface IndexedSegments {
  ids: Interner;
  records: Segment[];
  entity: Int32Array;
}

/** Interns segments in document order, skipping duplicates. */
export function indexSegments(doc: EstateDocument, org: OrgBuilder, issues: Issue[]): IndexedSegments {
  const ids = new Interner();
  const records: Segment[] = [];
  const entity: number[] = [];
  doc.segments.forEach((segment, i) => {
    if (ids.get(segment.id) >= 0) {
      issues.push(duplicateIssue(`segments[${i}].id`, segment.id));
      return;
    }
    ids.intern(segment.id);
    records.push(segment);
    entity.push(org.entity(segment.entity, `segments[${i}].entity`));
  });
  return { ids, records, entity: Int32Array.from(entity) };
}

/** Interns hosts by hostname and places each in its segment and entity. */
export function indexHosts(doc: EstateDocument, segments: Interner, org: OrgBuilder, issues: Issue[]): HostTable {
  const ids = new Interner();
  const records: Host[] = [];
  const segment: number[] = [];
  const entity: number[] = [];
  doc.hosts.forEach((host, i) => {
    if (ids.get(host.hostname) >= 0) {
      issues.push(duplicateIssue(`hosts[${i}].hostname`, host.hostname));
      return;
    }
    ids.intern(host.hostname);
    records.push(host);
    const seg = segments.get(host.segment);
    if (seg < 0) issues.push(unknownIssue(`hosts[${i}].segment`, 'segment', host.segment, 'segments'));
    segment.push(seg);
    entity.push(org.entity(host.entity, `hosts[${i}].entity`));
  });
  return { ids, records, segment: Int32Array.from(segment), entity: Int32Array.from(entity) };
}

/** Hosts of each segment. */
export function segmentHosts(segmentCount: number, hostSegment: Int32Array): Csr {
  const builder = new CsrBuilder(segmentCount);
  hostSegment.forEach((seg, host) => {
    if (seg >= 0) builder.add(seg, host);
  });
  return builder.build();
}

/** Directed segment edges with their interned port sets. */
export interface IndexedLinks {
  links: Csr;
  linkPorts: Int32Array;
  portSets: PortSet[];
}

/** Turns links into directed edges (two for a bidirectional link), interning their port sets. */
export function indexLinks(doc: EstateDocument, segments: Interner, issues: Issue[]): IndexedLinks {
  const portSets: PortSet[] = ['any'];
  const portIds = new Map<string, number>([['any', 0]]);
  const targets = new CsrBuilder(segments.size);
  const ports = new CsrBuilder(segments.size);
  doc.links.forEach((link, i) => {
    const from = segments.get(link.from);
    const to = segments.get(link.to);
    if (from < 0) issues.push(unknownIssue(`links[${i}].from`, 'segment', link.from, 'segments'));
    if (to < 0) issues.push(unknownIssue(`links[${i}].to`, 'segment', link.to, 'segments'));
    if (from < 0 || to < 0 || from === to) return;
    const set = normalisePorts(link.ports);
    const key = portSetKey(set);
    let portId = portIds.get(key);
    if (portId === undefined) {
      portId = portSets.push(set) - 1;
      portIds.set(key, portId);
    }
    targets.add(from, to);
    ports.add(from, portId);
    if (link.bidirectional) {
      targets.add(to, from);
      ports.add(to, portId);
    }
  });
  return { links: targets.build(), linkPorts: ports.build().items, portSets };
}

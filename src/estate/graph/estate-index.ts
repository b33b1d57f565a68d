/**
 * Builds the estate index once per estate revision: integer ids, hosts per segment, directed segment
 * adjacency with port sets, service dependencies and dependents. Queries take the index, never the document.
 */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument } from '../schema.js';
import type { EstateIndex } from './estate-index.types.js';
import { indexHosts, indexLinks, indexSegments, segmentHosts } from './index-network.js';
import { OrgBuilder } from './index-org.js';
import { indexDataStores, indexServices } from './index-services.js';

/**
 * Indexes a parsed estate document. Dangling references (a host in an unknown segment, a service on an
 * unknown host, ...) and duplicate ids do not throw: they are left out and listed in `issues`.
 *
 * @example
 * const index = buildEstateIndex(estateDocumentSchema.parse(yaml.parse(text)));
 * const radius = blastRadius(index, ['tk-fs01']);
 */
export function buildEstateIndex(doc: EstateDocument): EstateIndex {
  const issues: Issue[] = [];
  const org = new OrgBuilder(doc, issues);
  const segments = indexSegments(doc, org, issues);
  const hosts = indexHosts(doc, segments.ids, org, issues);
  const { links, linkPorts, portSets } = indexLinks(doc, segments.ids, issues);
  const services = indexServices(doc, hosts.ids, org, issues);
  const dataStores = indexDataStores(doc, hosts.ids, issues);
  const { regions, entities } = org.build(hosts.entity);
  return {
    doc,
    regions,
    entities,
    segments: { ...segments, hosts: segmentHosts(segments.ids.size, hosts.segment), links, linkPorts },
    hosts,
    services,
    dataStores,
    portSets,
    issues,
  };
}

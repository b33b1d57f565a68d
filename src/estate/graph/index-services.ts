/** Indexing of business services (hosts, dependencies, dependents) and data stores. */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument, Service } from '../schema.js';
import { CsrBuilder } from './csr.js';
import type { DataStoreTable, IdMap, ServiceTable } from './estate-index.types.js';
import type { OrgBuilder } from './index-org.js';
import { duplicateIssue, unknownIssue } from './index-issues.js';
import { Interner } from './interner.js';

function internServices(doc: EstateDocument, issues: Issue[]): { ids: Interner; records: Service[] } {
  const ids = new Interner();
  const records: Service[] = [];
  doc.services.forEach((service, i) => {
    if (ids.get(service.id) >= 0) {
      issues.push(duplicateIssue(`services[${i}].id`, service.id));
      return;
    }
    ids.intern(service.id);
    records.push(service);
  });
  return { ids, records };
}

/** Resolves `refs` through `ids`, de-duplicated; unknown ones are reported at `field[i]`. */
function resolveRefs(refs: readonly string[], ids: IdMap, field: string, kind: string, issues: Issue[]): number[] {
  const out = new Set<number>();
  refs.forEach((ref, i) => {
    const id = ids.get(ref);
    if (id < 0) issues.push(unknownIssue(`${field}[${i}]`, kind, ref, `${kind}s`));
    else out.add(id);
  });
  return [...out];
}

/**
 * Indexes services: hosts, dependencies and their reverse (dependents). Self-dependencies are dropped;
 * cycles are kept (queries handle them).
 */
export function indexServices(doc: EstateDocument, hosts: IdMap, org: OrgBuilder, issues: Issue[]): ServiceTable {
  const { ids, records } = internServices(doc, issues);
  const entity = new Int32Array(records.length);
  const serviceHosts = new CsrBuilder(records.length);
  const dependsOn = new CsrBuilder(records.length);
  const dependents = new CsrBuilder(records.length);
  const position = new Map(doc.services.map((service, i) => [service, i]));
  records.forEach((service, s) => {
    const at = `services[${position.get(service) ?? s}]`;
    entity[s] = org.entity(service.entity, `${at}.entity`);
    for (const h of resolveRefs(service.hosts, hosts, `${at}.hosts`, 'host', issues)) serviceHosts.add(s, h);
    for (const d of resolveRefs(service.dependsOn, ids, `${at}.dependsOn`, 'service', issues)) {
      if (d === s) continue;
      dependsOn.add(s, d);
      dependents.add(d, s);
    }
  });
  return {
    ids,
    records,
    entity,
    hosts: serviceHosts.build(),
    dependsOn: dependsOn.build(),
    dependents: dependents.build(),
  };
}

/** Places each data store on its host. */
export function indexDataStores(doc: EstateDocument, hosts: IdMap, issues: Issue[]): DataStoreTable {
  const host = new Int32Array(doc.dataStores.length);
  doc.dataStores.forEach((store, i) => {
    const h = hosts.get(store.host);
    host[i] = h;
    if (h < 0) issues.push(unknownIssue(`dataStores[${i}].host`, 'host', store.host, 'hosts'));
  });
  return { records: doc.dataStores, host };
}

/**
 * How each list of the estate document maps to its table: the conflict key, the columns that are filtered
 * on (everything else lives in the `doc` jsonb column, which holds the whole record) and the load order.
 */
import type { EstateDocument } from '../estate/schema.js';

export type EstateKind = Exclude<keyof EstateDocument, 'version'>;
type RecordOf<K extends EstateKind> = EstateDocument[K][number];

export interface KindSpec<K extends EstateKind> {
  table: string;
  /** Conflict target, also the load order. */
  key: readonly string[];
  /** Filtered columns, including the key columns; `doc` is added by the writer. */
  columns(record: RecordOf<K>): Record<string, string>;
}

export const ESTATE_KINDS: { [K in EstateKind]: KindSpec<K> } = {
  regions: { table: 'regions', key: ['id'], columns: (r) => ({ id: r.id, name: r.name }) },
  entities: {
    table: 'entities',
    key: ['id'],
    columns: (e) => ({ id: e.id, name: e.name, region: e.region, country: e.country }),
  },
  sites: { table: 'sites', key: ['id'], columns: (s) => ({ id: s.id, entity: s.entity }) },
  segments: { table: 'segments', key: ['id'], columns: (s) => ({ id: s.id, entity: s.entity }) },
  links: { table: 'links', key: ['from_id', 'to_id'], columns: (l) => ({ from_id: l.from, to_id: l.to }) },
  hosts: {
    table: 'hosts',
    key: ['hostname'],
    columns: (h) => ({
      hostname: h.hostname,
      entity: h.entity,
      segment: h.segment,
      criticality: h.criticality,
      role: h.role,
      os: h.os,
    }),
  },
  services: { table: 'services', key: ['id'], columns: (s) => ({ id: s.id, entity: s.entity }) },
  dataStores: { table: 'data_stores', key: ['id'], columns: (d) => ({ id: d.id, host: d.host }) },
};

/** In dependency order: what others refer to comes first. */
export const ESTATE_KIND_ORDER: readonly EstateKind[] = [
  'regions',
  'entities',
  'sites',
  'segments',
  'links',
  'hosts',
  'services',
  'dataStores',
];

/**
 * Compact builder for small, hand-made estates (tests, examples). Names default to ids, CIDRs to a
 * placeholder; everything goes through the estate schema, so defaults apply as on import.
 */
import {
  estateDocumentSchema,
  type EstateDocument,
  type EstateDocumentInput,
  type ExternalLink,
} from '../schema.js';

type Input<K extends 'links' | 'services' | 'dataStores'> = NonNullable<EstateDocumentInput[K]>[number];

export interface MiniEstate {
  /** Entity id -> region id (regions are declared from these). */
  entities?: Record<string, string>;
  /** Segment id -> owner entity id. */
  segments?: Record<string, string>;
  /** Segment id -> external connectivity kinds. */
  external?: Record<string, ExternalLink['kind'][]>;
  /** Segment id -> hostnames in it (each host owned by the segment's entity). */
  hosts?: Record<string, string[]>;
  links?: Input<'links'>[];
  /** Services; `name` defaults to the id and `entity` to the first entity. */
  services?: (Omit<Input<'services'>, 'name' | 'entity'> & { entity?: string })[];
  dataStores?: Omit<Input<'dataStores'>, 'name'>[];
}

/**
 * Builds a valid estate document from a compact description.
 *
 * @example
 * const doc = miniEstate({
 *   entities: { 'fgs-uk': 'emea' },
 *   segments: { office: 'fgs-uk', dc: 'fgs-uk' },
 *   hosts: { office: ['ws1'], dc: ['fs1'] },
 *   links: [{ from: 'office', to: 'dc', ports: [445] }],
 * });
 */
export function miniEstate(spec: MiniEstate): EstateDocument {
  const entities = Object.entries(spec.entities ?? {});
  const segments = Object.entries(spec.segments ?? {});
  const segmentEntity = new Map(segments);
  return estateDocumentSchema.parse({
    regions: [...new Set(entities.map(([, region]) => region))].map((id) => ({ id, name: id.toUpperCase() })),
    entities: entities.map(([id, region]) => ({ id, name: id, country: 'GB', region })),
    segments: segments.map(([id, entity]) => ({
      id,
      name: id,
      entity,
      cidrs: ['10.0.0.0/24'],
      external: (spec.external?.[id] ?? []).map((kind) => ({ kind, name: `${id}-${kind}` })),
    })),
    links: spec.links ?? [],
    hosts: Object.entries(spec.hosts ?? {}).flatMap(([segment, names]) =>
      names.map((hostname) => ({ hostname, os: 'linux', role: 'server', entity: segmentEntity.get(segment) ?? '', segment })),
    ),
    services: (spec.services ?? []).map((s) => ({ name: s.id, entity: entities[0]?.[0] ?? '', ...s })),
    dataStores: (spec.dataStores ?? []).map((d) => ({ name: d.id, ...d })),
  } satisfies EstateDocumentInput);
}

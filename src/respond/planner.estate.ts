/** Small estate lookups for the planner, over the graph index (integer ids, no scans per host). */
import type { EstateIndex, IdMap } from '../estate/graph/index.js';
import { UserError, type Issue } from '../shared/errors.js';

/** The integer id of `name` (exact, then lower-cased), or -1. */
export function lookup(ids: IdMap, name: string): number {
  const id = ids.get(name);
  return id >= 0 ? id : ids.get(name.trim().toLowerCase());
}

/** The integer id of a known `kind`, or a `not_found` error with a hint. */
export function requireId(ids: IdMap, name: string, kind: string, field: string): number {
  const id = lookup(ids, name);
  if (id < 0) {
    throw new UserError('not_found', `no ${kind} '${name}' in the estate`, [
      { field, message: `unknown ${kind} '${name}'`, hint: `use a ${kind} id from the estate (GET /api/estate/document)` },
    ]);
  }
  return id;
}

/** The region id of entity `e`, or null. */
export function regionOf(index: EstateIndex, e: number): string | null {
  const r = index.entities.region[e] ?? -1;
  return r < 0 ? null : (index.regions.ids.ids[r] ?? null);
}

/** Integer ids of the items of a packed row. */
export function row(csr: { start: Int32Array; items: Int32Array }, r: number): Int32Array {
  return csr.items.subarray(csr.start[r], csr.start[r + 1]);
}

/** Segments (integer ids) owned by the flagged entities, in estate order. */
export function segmentsOfEntities(index: EstateIndex, entities: Uint8Array): number[] {
  const out: number[] = [];
  index.segments.entity.forEach((e, s) => {
    if (e >= 0 && entities[e] === 1) out.push(s);
  });
  return out;
}

type SegmentLinks = Map<string, { peers: Set<string>; links: { from: string; to: string }[] }>;
const linkCache = new WeakMap<EstateIndex, SegmentLinks>();

function segmentLinks(index: EstateIndex): SegmentLinks {
  const cached = linkCache.get(index);
  if (cached) return cached;
  const map: SegmentLinks = new Map();
  const entry = (segment: string) => {
    let found = map.get(segment);
    if (!found) map.set(segment, (found = { peers: new Set(), links: [] }));
    return found;
  };
  for (const link of index.doc.links) {
    if (link.from === link.to) continue;
    entry(link.from).peers.add(link.to);
    entry(link.from).links.push({ from: link.from, to: link.to });
    entry(link.to).peers.add(link.from);
    entry(link.to).links.push({ from: link.from, to: link.to });
  }
  linkCache.set(index, map);
  return map;
}

/**
 * Segments linked to `segment` in either direction by the estate's links, and those links. The link table is
 * built once per index (one pass over the links), so asking for many segments stays linear.
 */
export function linkedSegments(index: EstateIndex, segment: string): { peers: string[]; links: { from: string; to: string }[] } {
  const found = segmentLinks(index).get(segment);
  return { peers: found ? [...found.peers] : [], links: found ? [...found.links] : [] };
}

/** A `validation_failed` error with one located issue. */
export function invalid(message: string, field: string, hint: string, details: Record<string, unknown> = {}): UserError {
  const issue: Issue = { field, message, hint };
  return new UserError('validation_failed', message, [issue], details);
}

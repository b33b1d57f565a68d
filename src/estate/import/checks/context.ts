/**
 * What the cross-item checks see: the incoming file's items, the ids it declares, the existing estate it
 * will merge into, and a way to name the line of another item in a message.
 */
import type { EstateDocument } from '../../schema.js';
import type { Candidates, DeclaredId } from '../shape.js';
import type { EstateKind, FieldPath } from '../types.js';

/** The input of every cross-item check. */
export interface CheckContext {
  /** Every incoming item, with the fields that passed their schema. */
  candidates: Candidates;
  declared: Record<EstateKind, DeclaredId[]>;
  existing: EstateDocument;
  /** The line of a path in the incoming file. */
  lineOf(path: FieldPath): number | undefined;
}

/** Singular nouns for messages. */
export const NOUNS: Record<EstateKind, string> = {
  regions: 'region',
  entities: 'entity',
  sites: 'site',
  segments: 'segment',
  links: 'link',
  hosts: 'host',
  services: 'service',
  dataStores: 'data store',
};

/** Ids of a kind that references may use: the existing estate's plus those the file declares. */
export function knownIds(context: CheckContext, kind: EstateKind): Set<string> {
  const ids = new Set<string>(context.declared[kind].map((declared) => declared.id));
  for (const item of context.existing[kind]) {
    const id = existingId(item);
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

function existingId(item: object): string | undefined {
  if ('hostname' in item && typeof item.hostname === 'string') return item.hostname;
  if ('id' in item && typeof item.id === 'string') return item.id;
  return undefined;
}

/** Each segment's CIDRs as they will be after the merge: incoming segments replace existing ones. */
export function mergedSegmentCidrs(context: CheckContext): Map<string, string[]> {
  const segments = new Map(context.existing.segments.map((segment) => [segment.id, segment.cidrs]));
  for (const { value } of context.candidates.segments) {
    if (value.id !== undefined) segments.set(value.id, value.cidrs ?? []);
  }
  return segments;
}

/** " (line 12)" when the path's line is known, for messages that point at another item. */
export function onLine(context: CheckContext, path: FieldPath): string {
  const line = context.lineOf(path);
  return line === undefined ? '' : ` on line ${line}`;
}

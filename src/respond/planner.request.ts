/**
 * What a person asks the containment planner for: a plan kind and its target. The same shape is recorded on
 * every plan (`request`), used as the key of a suggestion, and accepted by the API and the CLI.
 */
import { z } from 'zod';

const ref = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a lower-case estate id such as tk-fs01 or jp-office');

/** At most this many hosts in one explicit isolation request (a whole region is `shutdown_region`). */
export const MAX_REQUEST_HOSTS = 10_000;

export const planRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('isolate_hosts'), target: z.object({ hosts: z.array(ref).min(1).max(MAX_REQUEST_HOSTS) }).strict() }).strict(),
  z.object({ kind: z.literal('cut_segment_external'), target: z.object({ segment: ref }).strict() }).strict(),
  z
    .object({
      kind: z.literal('cut_segment_links'),
      /** `peers`: only the links to these segments; absent: every link of the segment. */
      target: z.object({ segment: ref, peers: z.array(ref).min(1).max(1000).optional() }).strict(),
    })
    .strict(),
  z.object({ kind: z.literal('shutdown_entity'), target: z.object({ entity: ref }).strict() }).strict(),
  z.object({ kind: z.literal('shutdown_region'), target: z.object({ region: ref }).strict() }).strict(),
]);

/** A containment plan request: `{ kind, target }`. */
export type PlanRequest = z.output<typeof planRequestSchema>;
export type ContainmentKind = PlanRequest['kind'];

export const CONTAINMENT_KINDS: readonly ContainmentKind[] = [
  'isolate_hosts',
  'cut_segment_external',
  'cut_segment_links',
  'shutdown_entity',
  'shutdown_region',
];

/**
 * A stable key for a request: the kind and what it targets. Suggestions are picked by this key.
 *
 * @example
 * planKey({ kind: 'shutdown_region', target: { region: 'emea' } }); // 'shutdown_region:emea'
 * planKey({ kind: 'isolate_hosts', target: { hosts: ['b', 'a'] } }); // 'isolate_hosts:a,b'
 */
export function planKey(request: PlanRequest): string {
  switch (request.kind) {
    case 'isolate_hosts':
      return `${request.kind}:${[...new Set(request.target.hosts)].sort().join(',')}`;
    case 'cut_segment_external':
      return `${request.kind}:${request.target.segment}`;
    case 'cut_segment_links': {
      const peers = request.target.peers ? `>${[...new Set(request.target.peers)].sort().join(',')}` : '';
      return `${request.kind}:${request.target.segment}${peers}`;
    }
    case 'shutdown_entity':
      return `${request.kind}:${request.target.entity}`;
    case 'shutdown_region':
      return `${request.kind}:${request.target.region}`;
  }
}

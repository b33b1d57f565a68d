/**
 * Which gateways cut a segment, and with which networks (pure, from the estate document).
 *
 * A segment's gateways are the estate hosts tagged `gateway-for:<segment>`, and the hosts tagged `gateway`
 * that sit in the segment itself (a router whose inside interface is in it). A segment behind two gateways
 * (a redundant pair) is cut on both. The cut command carries the segment's CIDRs, the peers' CIDRs (links to
 * other segments to drop) and, for `external`, every CIDR of the estate as `internal` (what is not internal is
 * outside). The cut id is derived from the plan and action, so the restore removes exactly that cut.
 */
import { z } from 'zod';
import { allowEntrySchema, probeTargetSchema, segmentCutArgsSchema, type CommandType } from '../../agent/protocol/command.js';
import type { EstateDocument } from '../../estate/schema.js';
import { cutIdFor } from './command-id.js';

/** The gateway connector's arguments (the planner's `{segment, external, peers}` plus optional extras). */
export const gatewayArgsSchema = z
  .object({
    segment: z.string().min(1).max(64).optional(),
    external: z.boolean().default(false),
    /** Segment ids whose links to this segment are cut. */
    peers: z.array(z.string().min(1).max(64)).max(1000).default([]),
    allow: z.array(allowEntrySchema).max(64).default([]),
    probe: probeTargetSchema.optional(),
    /** Overrides the derived cut id (to restore a cut made outside a plan). */
    cutId: z.string().regex(/^[a-z0-9_]{1,40}$/).optional(),
  })
  .strict();

export interface GatewayAction {
  operation: string;
  args: Record<string, unknown>;
  target: { kind: string; ref: string };
  planId: string;
  actionId: string;
}

export type GatewayPlan =
  | { ok: true; type: CommandType; gateways: string[]; args: Record<string, unknown>; cutId: string; segment: string }
  | { ok: false; code: string; message: string };

const fail = (code: string, message: string): GatewayPlan => ({ ok: false, code, message });

/** The gateways of a segment, by hostname. */
export function gatewaysOf(doc: EstateDocument, segment: string): string[] {
  return doc.hosts
    .filter((h) => h.tags.includes(`gateway-for:${segment}`) || (h.tags.includes('gateway') && h.segment === segment))
    .map((h) => h.hostname)
    .sort();
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `args.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
}

/** The command to send to each gateway of the action's segment, or why there is none. */
export function planGatewayCommand(doc: EstateDocument, action: GatewayAction): GatewayPlan {
  if (action.target.kind !== 'segment') return fail('unsupported_target', `the gateway connector acts on segments, not a ${action.target.kind} (${action.target.ref})`);
  if (action.operation !== 'cut' && action.operation !== 'restore') return fail('unsupported_operation', `the gateway connector has no operation ${action.operation} (it has cut, restore)`);
  const parsed = gatewayArgsSchema.safeParse(action.args);
  if (!parsed.success) return fail('invalid_args', `action ${action.actionId}: ${firstIssue(parsed.error)}`);
  const args = parsed.data;
  if (args.segment !== undefined && args.segment !== action.target.ref) return fail('invalid_args', `action ${action.actionId}: args.segment ${args.segment} differs from the target segment ${action.target.ref}`);
  const segment = doc.segments.find((s) => s.id === action.target.ref);
  if (!segment) return fail('unknown_segment', `segment ${action.target.ref} is not in the estate. HINT: check the id, or import the estate that defines it`);
  const gateways = gatewaysOf(doc, segment.id);
  if (gateways.length === 0) {
    return fail('no_gateway', `segment ${segment.id} has no gateway: no estate host is tagged "gateway-for:${segment.id}", nor tagged "gateway" inside it. HINT: tag the Linux router that forwards its traffic and enrol a Firebreak agent on it`);
  }
  const cutId = args.cutId ?? cutIdFor(action.planId, action.actionId);
  if (action.operation === 'restore') return { ok: true, type: 'segment_restore', gateways, args: { cutId }, cutId, segment: segment.id };
  const unknown = args.peers.filter((p) => !doc.segments.some((s) => s.id === p));
  if (unknown.length > 0) return fail('unknown_segment', `action ${action.actionId}: peer segment${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} not in the estate`);
  if (args.peers.includes(segment.id)) return fail('invalid_args', `action ${action.actionId}: segment ${segment.id} cannot be its own peer`);
  const peers = [...new Set(doc.segments.filter((s) => args.peers.includes(s.id)).flatMap((s) => s.cidrs))].sort();
  const internal = [...new Set(doc.segments.flatMap((s) => s.cidrs))].sort();
  const cut = { cutId, segment: segment.id, cidrs: segment.cidrs, external: args.external, internal: args.external ? internal : [], peers, allow: args.allow, ...(args.probe ? { probe: args.probe } : {}) };
  const checked = segmentCutArgsSchema.safeParse(cut);
  if (!checked.success) return fail('invalid_args', `action ${action.actionId}: the cut for segment ${segment.id} is not valid: ${firstIssue(checked.error)}`);
  return { ok: true, type: 'segment_cut', gateways, args: checked.data, cutId, segment: segment.id };
}

/**
 * Agent commands: the signed body, the argument schemas of each command type, and the states a command moves
 * through. Shared by the server (which signs and records commands) and the agent (which verifies and runs them).
 */
import { z } from 'zod';
import { parseCidr, parseIp } from '../../estate/index.js';

/** Command types the agent knows today; sweep, triage and shutdown slot into the handler registry later. */
export const COMMAND_TYPES = ['isolate', 'release', 'ping'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

const isoTime = z.iso.datetime({ offset: true });

/** What the server signs. `seq` grows by one per agent; `nonce` makes every body unique. */
export const commandBodySchema = z
  .object({
    v: z.literal(1),
    id: z.uuid(),
    agentId: z.string().min(1).max(64),
    type: z.string().min(1).max(64),
    args: z.record(z.string(), z.unknown()),
    issuedAt: isoTime,
    expiresAt: isoTime,
    seq: z.number().int().min(1),
    nonce: z.string().min(16).max(64),
  })
  .strict();
export type CommandBody = z.infer<typeof commandBodySchema>;

/** A command as sent: the body and an Ed25519 signature (base64) over its canonical form. */
export const signedCommandSchema = z.object({ body: commandBodySchema, signature: z.string().min(1).max(200) }).strict();
export type SignedCommand = z.infer<typeof signedCommandSchema>;

/** `10.0.0.0/8`, `2001:db8::/32` or a single address (`10.0.0.5`, meaning /32). */
export const cidrSchema = z
  .string()
  .max(64)
  .refine((text) => parseIp(text) !== undefined || !('error' in parseCidr(text)), {
    message: 'not an address or CIDR (expected a.b.c.d/n, a.b.c.d or an IPv6 network)',
  });

export const allowEntrySchema = z
  .object({
    cidr: cidrSchema,
    /** TCP and UDP destination ports; all traffic to the network when absent. */
    ports: z.array(z.number().int().min(1).max(65535)).min(1).max(32).optional(),
  })
  .strict();
export type AllowEntry = z.infer<typeof allowEntrySchema>;

/** A `host:port` whose traffic must be blocked once isolated (overrides the agent's default probe). */
export const probeTargetSchema = z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535) }).strict();
export type ProbeTarget = z.infer<typeof probeTargetSchema>;

export const isolateArgsSchema = z
  .object({ allow: z.array(allowEntrySchema).max(64).default([]), probe: probeTargetSchema.optional() })
  .strict();
export type IsolateArgs = z.infer<typeof isolateArgsSchema>;

export const emptyArgsSchema = z.object({}).strict();

/** Argument schemas by command type: the server checks requests with them, the agent checks commands. */
export const COMMAND_ARGS: Record<CommandType, z.ZodType<Record<string, unknown>>> = {
  isolate: isolateArgsSchema,
  release: emptyArgsSchema,
  ping: emptyArgsSchema,
};

export function isCommandType(type: string): type is CommandType {
  return (COMMAND_TYPES as readonly string[]).includes(type);
}

/** Server-side states; `verified` and `failed` are final. */
export const COMMAND_STATES = ['requested', 'sent', 'applied', 'verified', 'failed'] as const;
export type CommandState = (typeof COMMAND_STATES)[number];
export const FINAL_STATES: readonly CommandState[] = ['verified', 'failed'];

/** Why the agent refused a command before running it. */
export const REJECTION_CODES = [
  'malformed',
  'bad_signature',
  'wrong_agent',
  'expired',
  'not_yet_valid',
  'replayed_id',
  'stale_seq',
  'unknown_type',
  'invalid_args',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

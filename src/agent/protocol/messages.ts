/**
 * Messages on the agent channel (`GET /api/agents/connect`, WebSocket, JSON text frames). The agent
 * authenticates the upgrade with `Authorization: Bearer <agent credential>`; the server then sends `welcome`.
 */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** What the agent says about its isolation (from its state file and the live nftables table). */
export const isolationStatusSchema = z
  .object({
    state: z.enum(['isolated', 'released']),
    /** sha256 of the applied ruleset text. */
    rulesetHash: z.string().max(80).optional(),
    since: isoTime.optional(),
    commandId: z.string().max(64).optional(),
  })
  .strict();
export type IsolationStatus = z.infer<typeof isolationStatusSchema>;

/** A gateway's routing and cuts (inventory of an agent started with `--role gateway`). */
export const gatewayInventorySchema = z
  .object({
    forwarding: z.object({ ipv4: z.boolean(), ipv6: z.boolean() }).strict(),
    routes: z.array(z.object({ dst: z.string().max(64), dev: z.string().max(64).optional(), via: z.string().max(64).optional() }).strict()).max(256),
    cuts: z.array(z.object({ cutId: z.string().max(40), segment: z.string().max(64), rulesetHash: z.string().max(80), since: isoTime }).strict()).max(256),
  })
  .strict();
export type GatewayInventory = z.infer<typeof gatewayInventorySchema>;

export const inventorySchema = z
  .object({
    hostname: z.string().min(1).max(255),
    ips: z.array(z.string().max(64)).max(256),
    os: z.string().max(200),
    agentVersion: z.string().max(40),
    isolation: isolationStatusSchema,
    /** `endpoint` (absent from older agents) or `gateway`. */
    role: z.enum(['endpoint', 'gateway']).optional(),
    gateway: gatewayInventorySchema.optional(),
  })
  .strict();
export type Inventory = z.infer<typeof inventorySchema>;

/** One probe made to verify isolation (or a release), with its time. */
export const probeResultSchema = z
  .object({
    purpose: z.string().max(40),
    target: z.string().max(300),
    expect: z.enum(['blocked', 'reachable', 'any']),
    outcome: z.enum(['connected', 'refused', 'blocked', 'timeout', 'unreachable', 'error']),
    passed: z.boolean(),
    detail: z.string().max(300).optional(),
    at: isoTime,
    ms: z.number().nonnegative(),
  })
  .strict();
export type ProbeResult = z.infer<typeof probeResultSchema>;

/** A result of a command: progress (`applied`), the end (`verified`, `failed`) or a refusal (`rejected`). */
export const resultMessageSchema = z
  .object({
    kind: z.literal('result'),
    commandId: z.string().max(64).nullable(),
    state: z.enum(['applied', 'verified', 'failed', 'rejected']),
    at: isoTime,
    reason: z.object({ code: z.string().max(60), message: z.string().max(2000) }).strict().optional(),
    evidence: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ResultMessage = z.infer<typeof resultMessageSchema>;

export const agentMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heartbeat'), at: isoTime, isolation: isolationStatusSchema, lastSeq: z.number().int().min(0) }).strict(),
  z.object({ kind: z.literal('inventory'), at: isoTime, inventory: inventorySchema }).strict(),
  resultMessageSchema,
]);
export type AgentMessage = z.infer<typeof agentMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('welcome'), agentId: z.string(), serverTime: isoTime, heartbeatSeconds: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('command'), command: z.unknown() }).strict(),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;



/** The enrolment exchange (`POST /api/agents/enrol`). */
export const enrolRequestSchema = z
  .object({
    token: z.string().min(10).max(200),
    hostname: z.string().min(1).max(255),
    os: z.string().max(200).optional(),
    agentVersion: z.string().max(40).optional(),
  })
  .strict();
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  agentId: z.string(),
  /** Shown once; the server keeps only its sha256. */
  credential: z.string(),
  hostname: z.string(),
  serverPublicKey: z.string(),
  serverKeyFingerprint: z.string(),
  connectPath: z.string(),
  heartbeatSeconds: z.number().int().positive(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

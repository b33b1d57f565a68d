/**
 * Agent commands: the signed body, the argument schemas of each command type, and the states a command moves
 * through. Shared by the server (which signs and records commands) and the agent (which verifies and runs them).
 */
import { z } from 'zod';
import { parseCidr, parseIp } from '../../estate/index.js';

/**
 * Command types. `segment_cut` / `segment_restore` are for an agent running in gateway role (a Linux router
 * that forwards the segment's traffic); the others are for any agent.
 */
export const COMMAND_TYPES = ['isolate', 'release', 'ping', 'sweep', 'triage', 'shutdown', 'segment_cut', 'segment_restore'] as const;
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

const sha256Schema = z.string().regex(/^[a-fA-F0-9]{64}$/, 'expected a SHA-256 as 64 hex digits');

/**
 * Sweep the host for indicators. Evidence on `verified`:
 * `{ clean: boolean, complete: boolean, findings: [{kind: 'file'|'process'|'connection', indicator, detail}], findingsOmitted,
 *    checked: {files, executables, processes, connections}, skipped: {special, symlinks, unreadable, tooLarge, unhashable},
 *    truncated: false|'maxFiles'|'maxVisited'|'time', paths, missingPaths, indicators: {sha256, processNames, remote}, unsupported, durationMs }`.
 * A sweep that finds something still ends `verified` (the sweep ran); `clean: false` carries the findings. A host is
 * cleared only by a sweep that is `clean` and `complete` (every path walked, processes and connections listed).
 */
export const sweepArgsSchema = z
  .object({
    sha256: z.array(sha256Schema).max(10_000).default([]),
    /** Process image names, compared case-insensitively (e.g. `regsvr32.exe`). */
    processNames: z.array(z.string().min(1).max(260)).max(1000).default([]),
    /** Remote addresses or networks of connections (e.g. a C2 server). */
    remote: z.array(cidrSchema).max(10_000).default([]),
    /** Folders to hash (recursively, bounded by maxFiles); the agent's defaults when absent. */
    paths: z.array(z.string().min(1).max(4096)).max(64).optional(),
    maxFiles: z.number().int().min(1).max(1_000_000).default(50_000),
    /** Larger files are counted (`skipped.tooLarge`), not hashed. */
    maxFileBytes: z.number().int().min(1).max(64 * 1024 ** 3).default(256 * 1024 ** 2),
    /** Walking stops after this long (or when the command expires); the sweep is then reported incomplete. */
    maxSeconds: z.number().int().min(5).max(3600).default(240),
  })
  .strict();
export type SweepArgs = z.infer<typeof sweepArgsSchema>;

/**
 * Collect triage. Evidence on `verified`: `{ processes: [{pid, name, ppid?, uid?, exe?, cmdline?}],
 * connections: [{proto, local, remote, state, pid?, process?}], listening: [{proto, local, pid?, process?}],
 * recentFiles: [{path, size, mtime, sha256}] (newest first), collectedAt, recentHours, paths,
 * walk: {visited, skipped, stoppedBy, missingPaths}, unsupported, durationMs, truncated: {<list>: {total, listed}} }`.
 * Lists are capped (2000 processes and connections, 500 listening sockets, `maxFiles` files) and the whole
 * evidence is kept under 700 kB; `truncated` names every list that was cut, with its total.
 */
export const triageArgsSchema = z
  .object({
    /** Files changed in the last N hours under `paths` are listed with their hashes. */
    recentHours: z.number().int().min(1).max(24 * 30).default(24),
    paths: z.array(z.string().min(1).max(4096)).max(64).optional(),
    maxFiles: z.number().int().min(1).max(100_000).default(2000),
    maxFileBytes: z.number().int().min(1).max(64 * 1024 ** 3).default(256 * 1024 ** 2),
    maxSeconds: z.number().int().min(5).max(3600).default(120),
  })
  .strict();
export type TriageArgs = z.infer<typeof triageArgsSchema>;

/**
 * Shut the host down. The agent reports `applied` at once with `{scheduledAt, runAt, delaySeconds, command, fallbacks}`
 * and runs the system's power-off command after `delaySeconds`; that `applied` is its last word, because no
 * host can prove its own shutdown: `verified` comes from the server seeing the agent go silent. If the
 * power-off command fails, the agent reports `failed` with `{attempts: [{command, code, stderr}]}`.
 */
export const shutdownArgsSchema = z.object({ delaySeconds: z.number().int().min(0).max(3600).default(5) }).strict();
export type ShutdownArgs = z.infer<typeof shutdownArgsSchema>;

/**
 * Gateway role: cut a segment. `external: true` drops forwarded traffic between the segment's networks and
 * anything outside `internal` (the estate's own networks); `peers` drops forwarded traffic between the segment
 * and those networks (links to other segments). `allow` keeps security tools and the Firebreak server reachable.
 * Each cut is its own nftables table named after `cutId`, so several cuts coexist and `segment_restore`
 * removes exactly one. The Firebreak server's address and port stay open for the segment's hosts (their agents'
 * control channel), like an isolated host's. `probe`, when given, is a host inside the segment that the
 * gateway itself must still reach once the cut is in place.
 *
 * Evidence on `verified`: `{cutId, table, intent, controlEndpoints, ruleset: {table, rulesetHash, listedHash,
 * check: {ok, problems, ruleCount}, rules}, forwarding: {ipv4, ipv6}, probes, otherCuts, warnings}`. It proves the
 * forward hook holds exactly the intended rules; a probe from the gateway cannot prove the drop (the gateway's
 * own packets are not forwarded). `segment_restore` reports `{cutId, segment, table, removed, tableAbsent,
 * previousRulesetHash, cutSince, dropped: {packets, bytes}, droppedByRule, otherCuts, probes}`.
 */
const cutIdSchema = z.string().regex(/^[a-z0-9_]{1,40}$/, 'expected lower-case letters, digits and _ (at most 40)');

export const segmentCutArgsSchema = z
  .object({
    cutId: cutIdSchema,
    segment: z.string().min(1).max(64),
    cidrs: z.array(cidrSchema).min(1).max(256),
    external: z.boolean().default(false),
    internal: z.array(cidrSchema).max(4096).default([]),
    peers: z.array(cidrSchema).max(4096).default([]),
    allow: z.array(allowEntrySchema).max(64).default([]),
    probe: probeTargetSchema.optional(),
  })
  .strict()
  .refine((args) => args.external || args.peers.length > 0, { message: 'a cut needs external: true or at least one peer network' });
export type SegmentCutArgs = z.infer<typeof segmentCutArgsSchema>;

export const segmentRestoreArgsSchema = z.object({ cutId: cutIdSchema }).strict();
export type SegmentRestoreArgs = z.infer<typeof segmentRestoreArgsSchema>;

/** Argument schemas by command type: the server checks requests with them, the agent checks commands. */
export const COMMAND_ARGS: Record<CommandType, z.ZodType<Record<string, unknown>>> = {
  isolate: isolateArgsSchema,
  release: emptyArgsSchema,
  ping: emptyArgsSchema,
  sweep: sweepArgsSchema,
  triage: triageArgsSchema,
  shutdown: shutdownArgsSchema,
  segment_cut: segmentCutArgsSchema,
  segment_restore: segmentRestoreArgsSchema,
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

/** The storage contract for endpoint agents: enrolment tokens, agents and their commands. */
import type { CommandState } from '../agent/protocol/command.js';
import type { Page } from './types.js';

export interface EnrolmentTokenRecord {
  id: string;
  /** sha256 of the token, hex; the token itself is never stored. */
  secretHash: string;
  /** The estate hostname the agent will be bound to, when the token was made for one host. */
  host: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  agentId: string | null;
}

export interface AgentRecord {
  id: string;
  hostname: string;
  credentialHash: string;
  tokenId: string;
  enrolledAt: string;
  version: string | null;
  os: string | null;
  /** The last inventory the agent sent. */
  inventory: Record<string, unknown> | null;
  /** The isolation status the agent last reported. */
  isolation: Record<string, unknown> | null;
  lastSeenAt: string | null;
  /** The server node holding its channel, while connected. */
  connectedNode: string | null;
  connectedAt: string | null;
  /** The last command sequence number handed out. */
  lastSeq: number;
  /** When the estate host's `agent` field was last written. */
  hostSyncedAt: string | null;
  lastRejection: Record<string, unknown> | null;
  revokedAt: string | null;
}

export interface CommandReason {
  code: string;
  message: string;
}

export interface CommandHistoryEntry {
  state: CommandState;
  at: string;
  reason?: CommandReason;
  evidence?: Record<string, unknown>;
  by?: string;
}

export interface AgentCommandRecord {
  id: string;
  agentId: string;
  seq: number | null;
  type: string;
  args: Record<string, unknown>;
  state: CommandState;
  /** Why it waits (offline agent) or why it failed. */
  reason: CommandReason | null;
  evidence: Record<string, unknown> | null;
  requestedBy: string;
  requestedAt: string;
  /** The agent refuses the command after this. */
  expiresAt: string;
  /** The command fails if it has not ended by then. */
  deadlineAt: string;
  updatedAt: string;
  history: CommandHistoryEntry[];
}

/** A change of state: allowed only from `from`; evidence replaces the stored evidence when given. */
export interface CommandTransition {
  to: CommandState;
  at: string;
  reason?: CommandReason | null;
  evidence?: Record<string, unknown>;
}

export interface AgentSeen {
  at: string;
  connectedNode?: string;
  version?: string;
  os?: string;
  inventory?: Record<string, unknown>;
  isolation?: Record<string, unknown>;
}

/** A batch of what agents reported (heartbeats, inventory); absent fields keep their stored value. */
export interface SeenUpdate {
  id: string;
  at: string;
  /** The node holding the channel (kept current, so a stale disconnect from another node is repaired). */
  node?: string;
  version?: string;
  os?: string;
  inventory?: Record<string, unknown>;
  isolation?: Record<string, unknown>;
}

/** The estate host `hostname` gets `info` as its `agent` field. */
export interface HostAgentSync {
  agentId: string;
  hostname: string;
  info: { id: string; version?: string; lastSeen: string };
}

/**
 * A state change applied only when the command is still in `expected` (what the caller read): the caller
 * computed the new state, reason, evidence and history entries from that read, so nothing is lost or reordered.
 */
export interface CommandChange {
  id: string;
  expected: CommandState;
  to: CommandState;
  at: string;
  /** Replaces the reason (null clears it); absent keeps it. */
  reason?: CommandReason | null;
  /** Replaces the evidence; absent keeps it. */
  evidence?: Record<string, unknown>;
  /** Appended to the history, in order. */
  entries: CommandHistoryEntry[];
}

export interface AgentRepo {
  /** Sets a setting only if it is absent and returns the stored value: the first server to start wins. */
  claimSetting(key: string, candidate: string): Promise<string>;
  createToken(token: EnrolmentTokenRecord): Promise<void>;
  listTokens(): Promise<EnrolmentTokenRecord[]>;
  /**
   * In one transaction: marks the token used if it is unused and unexpired, and creates the agent that
   * `makeAgent` builds from it. Undefined (and nothing written) when the token is unknown, used or expired.
   */
  redeemToken(secretHash: string, now: string, makeAgent: (token: EnrolmentTokenRecord) => AgentRecord): Promise<AgentRecord | undefined>;
  get(id: string): Promise<AgentRecord | undefined>;
  findByCredentialHash(credentialHash: string): Promise<AgentRecord | undefined>;
  list(): Promise<AgentRecord[]>;
  recordSeen(id: string, seen: AgentSeen): Promise<void>;
  /** Clears the connection if `node` still holds it. */
  markDisconnected(id: string, node: string): Promise<void>;
  recordRejection(id: string, rejection: Record<string, unknown>): Promise<void>;
  /**
   * Writes `agent` into the estate host of that hostname (when there is one) and records the time; moves the
   * estate revision only when `bumpRevision` (id or version changed), so heartbeats do not churn caches.
   */
  syncHostAgent(agentId: string, hostname: string, info: { id: string; version?: string; lastSeen: string }, bumpRevision: boolean): Promise<boolean>;

  createCommand(command: AgentCommandRecord): Promise<void>;
  getCommand(id: string): Promise<AgentCommandRecord | undefined>;
  listCommands(agentId: string, page: { limit: number; offset: number }): Promise<Page<AgentCommandRecord>>;
  /** Commands still `requested` and not expired, oldest first. */
  pendingCommands(agentId: string, now: string): Promise<AgentCommandRecord[]>;
  /** `requested` to `sent` with the agent's next sequence number; undefined if no longer requested or expired. */
  claimForSending(commandId: string, now: string): Promise<AgentCommandRecord | undefined>;
  transition(commandId: string, from: readonly CommandState[], change: CommandTransition): Promise<AgentCommandRecord | undefined>;
  /** Sets (or clears, with null) the reason of an agent's `requested` commands; returns those changed. */
  setWaitingReason(agentId: string, reason: CommandReason | null, now: string): Promise<AgentCommandRecord[]>;
  /** Fails every open command past its deadline (and `requested` ones past expiry); returns them. */
  failOverdue(now: string): Promise<AgentCommandRecord[]>;

  // Batch forms, for fan-outs over thousands of agents (one statement per chunk instead of one per row).

  createTokens(tokens: readonly EnrolmentTokenRecord[]): Promise<void>;
  /** `redeemToken` for many tokens in one transaction; results in the same order (undefined: not redeemable). */
  redeemTokens(requests: readonly { secretHash: string; makeAgent: (token: EnrolmentTokenRecord) => AgentRecord }[], now: string): Promise<(AgentRecord | undefined)[]>;
  /** Agents (not revoked) with these hostnames, newest enrolment first. */
  findByHostnames(hostnames: readonly string[]): Promise<AgentRecord[]>;
  /**
   * Records that `node` now holds these agents' channels and reserves the next `seqBlock` sequence numbers for
   * each (the node hands them out from memory); returns each agent's new `lastSeq`, the top of its block.
   */
  recordConnected(agents: readonly { id: string; at: string; node: string }[], seqBlock: number): Promise<Map<string, number>>;
  /** Reserves `n` more sequence numbers per agent; returns the new `lastSeq` of each. */
  reserveSeqs(requests: readonly { id: string; n: number }[]): Promise<Map<string, number>>;
  recordSeenMany(updates: readonly SeenUpdate[]): Promise<void>;
  /** `syncHostAgent` for many agents in one transaction; the revision moves once, when `bumpRevision`. */
  syncHostAgents(syncs: readonly HostAgentSync[], bumpRevision: boolean): Promise<void>;
  /** Inserts the commands whose id is new; returns the ids inserted (the others existed already). */
  createCommands(commands: readonly AgentCommandRecord[]): Promise<Set<string>>;
  getCommands(ids: readonly string[]): Promise<AgentCommandRecord[]>;
  /** These agents' commands of one type in one of `states` (e.g. shutdowns waiting for the host to go silent). */
  findCommands(agentIds: readonly string[], type: string, states: readonly CommandState[]): Promise<AgentCommandRecord[]>;
  /** Clears the connection of these agents where `node` still holds it. */
  markDisconnectedMany(agentIds: readonly string[], node: string): Promise<void>;
  /** Sets why each agent's `requested` commands wait; returns those changed. */
  setWaitingReasons(reasons: readonly { agentId: string; reason: CommandReason }[], now: string): Promise<AgentCommandRecord[]>;
  /** `requested` to `sent` with the given sequence numbers, for those still requested and unexpired; returns those claimed. */
  claimMany(claims: readonly { id: string; seq: number }[], now: string): Promise<AgentCommandRecord[]>;
  /** Commands of these agents still `sent` (not yet acknowledged) and unexpired. */
  sentCommandsOf(agentIds: readonly string[], now: string): Promise<AgentCommandRecord[]>;
  /** `pendingCommands` for many agents. */
  pendingCommandsOf(agentIds: readonly string[], now: string): Promise<AgentCommandRecord[]>;
  /** Clears why these agents' `requested` commands wait (they connected); returns those changed. */
  clearWaitingReasons(agentIds: readonly string[], now: string): Promise<AgentCommandRecord[]>;
  /** Applies each change whose command is still in its `expected` state; returns the ids changed. */
  applyChanges(changes: readonly CommandChange[]): Promise<Set<string>>;
}

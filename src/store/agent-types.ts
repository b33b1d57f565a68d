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
}

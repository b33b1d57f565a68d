/** The agent tables as Kysely sees them, and the row <-> record mappings. Only src/store sees these. */
import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { CommandState } from '../agent/protocol/command.js';
import type { AgentCommandRecord, AgentRecord, CommandHistoryEntry, CommandReason, EnrolmentTokenRecord } from './agent-types.js';
import type { Json } from './database.js';

export interface AgentEnrolmentTokensTable {
  id: string;
  secret_hash: string;
  host: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  agent_id: string | null;
}

type NullableJson = ColumnType<unknown, string | null, string | null>;

export interface AgentsTable {
  id: string;
  hostname: string;
  credential_hash: string;
  token_id: string;
  enrolled_at: string;
  version: string | null;
  os: string | null;
  inventory: NullableJson;
  isolation: NullableJson;
  last_seen_at: string | null;
  connected_node: string | null;
  connected_at: string | null;
  last_seq: ColumnType<number, number | undefined, number>;
  host_synced_at: string | null;
  last_rejection: NullableJson;
  revoked_at: string | null;
}

export interface AgentCommandsTable {
  id: string;
  agent_id: string;
  seq: number | null;
  type: string;
  args: Json;
  state: string;
  reason: NullableJson;
  evidence: NullableJson;
  requested_by: string;
  requested_at: string;
  expires_at: string;
  deadline_at: string;
  updated_at: string;
  history: Json;
}

// A type alias (not an interface) so that it satisfies Kysely's `withTables` constraint.
export type AgentTables = {
  agent_enrolment_tokens: AgentEnrolmentTokensTable;
  agents: AgentsTable;
  agent_commands: AgentCommandsTable;
};

export const json = (value: unknown): string => JSON.stringify(value);
export const jsonOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

const asRecord = (value: unknown): Record<string, unknown> | null => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null);

export function toToken(row: Selectable<AgentEnrolmentTokensTable>): EnrolmentTokenRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    host: row.host,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    agentId: row.agent_id,
  };
}

export function toAgent(row: Selectable<AgentsTable>): AgentRecord {
  return {
    id: row.id,
    hostname: row.hostname,
    credentialHash: row.credential_hash,
    tokenId: row.token_id,
    enrolledAt: row.enrolled_at,
    version: row.version,
    os: row.os,
    inventory: asRecord(row.inventory),
    isolation: asRecord(row.isolation),
    lastSeenAt: row.last_seen_at,
    connectedNode: row.connected_node,
    connectedAt: row.connected_at,
    lastSeq: Number(row.last_seq),
    hostSyncedAt: row.host_synced_at,
    lastRejection: asRecord(row.last_rejection),
    revokedAt: row.revoked_at,
  };
}

export function agentRow(agent: AgentRecord): Insertable<AgentsTable> {
  return {
    id: agent.id,
    hostname: agent.hostname,
    credential_hash: agent.credentialHash,
    token_id: agent.tokenId,
    enrolled_at: agent.enrolledAt,
    version: agent.version,
    os: agent.os,
    inventory: jsonOrNull(agent.inventory),
    isolation: jsonOrNull(agent.isolation),
    last_seen_at: agent.lastSeenAt,
    connected_node: agent.connectedNode,
    connected_at: agent.connectedAt,
    last_seq: agent.lastSeq,
    host_synced_at: agent.hostSyncedAt,
    last_rejection: jsonOrNull(agent.lastRejection),
    revoked_at: agent.revokedAt,
  };
}

export function toCommand(row: Selectable<AgentCommandsTable>): AgentCommandRecord {
  return {
    id: row.id,
    agentId: row.agent_id,
    seq: row.seq === null ? null : Number(row.seq),
    type: row.type,
    args: asRecord(row.args) ?? {},
    state: row.state as CommandState,
    reason: asRecord(row.reason) as CommandReason | null,
    evidence: asRecord(row.evidence),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    deadlineAt: row.deadline_at,
    updatedAt: row.updated_at,
    history: Array.isArray(row.history) ? (row.history as CommandHistoryEntry[]) : [],
  };
}

export function commandRow(command: AgentCommandRecord): Insertable<AgentCommandsTable> {
  return {
    id: command.id,
    agent_id: command.agentId,
    seq: command.seq,
    type: command.type,
    args: json(command.args),
    state: command.state,
    reason: jsonOrNull(command.reason),
    evidence: jsonOrNull(command.evidence),
    requested_by: command.requestedBy,
    requested_at: command.requestedAt,
    expires_at: command.expiresAt,
    deadline_at: command.deadlineAt,
    updated_at: command.updatedAt,
    history: json(command.history),
  };
}

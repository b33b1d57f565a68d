/**
 * Migration 0002: endpoint agents. One-time enrolment tokens and agent credentials are stored as sha256 only
 * (a check constraint refuses anything else); every command keeps its state, its evidence and the history of
 * every transition.
 */
export const AGENT_TABLES = [
  `create table agent_enrolment_tokens (
     id text primary key,
     secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
     host text, created_by text not null, created_at text not null, expires_at text not null,
     used_at text, agent_id text)`,
  `create index agent_enrolment_tokens_expires on agent_enrolment_tokens (expires_at)`,
  `create table agents (
     id text collate "C" primary key, hostname text not null,
     credential_hash text not null unique check (credential_hash ~ '^[0-9a-f]{64}$'),
     token_id text not null, enrolled_at text not null,
     version text, os text, inventory jsonb, isolation jsonb,
     last_seen_at text, connected_node text, connected_at text,
     last_seq integer not null default 0, host_synced_at text, last_rejection jsonb, revoked_at text)`,
  `create index agents_hostname on agents (hostname)`,
  `create table agent_commands (
     id uuid primary key, agent_id text not null references agents (id),
     seq integer, type text not null, args jsonb not null,
     state text not null check (state in ('requested', 'sent', 'applied', 'verified', 'failed')),
     reason jsonb, evidence jsonb,
     requested_by text not null, requested_at text not null, expires_at text not null, deadline_at text not null,
     updated_at text not null, history jsonb not null)`,
  `create index agent_commands_agent on agent_commands (agent_id, requested_at desc)`,
  `create index agent_commands_open on agent_commands (deadline_at) where state in ('requested', 'sent', 'applied')`,
];

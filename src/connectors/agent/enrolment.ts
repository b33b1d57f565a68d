/**
 * Enrolment on the server: an admin makes a one-time token (optionally bound to an estate hostname); an agent
 * trades it once, before it expires, for its own id and credential and the server's public key.
 */
import { randomUUID } from 'node:crypto';
import type { EnrolRequest, EnrolResponse } from '../../agent/protocol/messages.js';
import { UserError } from '../../shared/errors.js';
import type { AgentRecord, AgentRepo, EnrolmentTokenRecord } from '../../store/agent-types.js';
import { newAgentCredential, newAgentId, newEnrolmentToken, sha256Hex } from './secrets.js';
import type { SigningKey } from './signing-key.js';

export const CONNECT_PATH = '/api/agents/connect';

export interface NewTokenRequest {
  host?: string | undefined;
  expiresInSeconds: number;
  createdBy: string;
}

/** Creates a token; the secret is returned once and only its hash is stored. */
export async function createEnrolmentToken(repo: AgentRepo, request: NewTokenRequest, now: Date): Promise<{ token: string; record: EnrolmentTokenRecord }> {
  const token = newEnrolmentToken();
  const record: EnrolmentTokenRecord = {
    id: randomUUID(),
    secretHash: sha256Hex(token),
    host: request.host ?? null,
    createdBy: request.createdBy,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + request.expiresInSeconds * 1000).toISOString(),
    usedAt: null,
    agentId: null,
  };
  await repo.createToken(record);
  return { token, record };
}

/** Creates one token per host in one write (for rolling agents out to many hosts); secrets returned once. */
export async function createEnrolmentTokens(
  repo: AgentRepo,
  request: { hosts: readonly string[]; expiresInSeconds: number; createdBy: string },
  now: Date,
): Promise<{ token: string; record: EnrolmentTokenRecord }[]> {
  const expiresAt = new Date(now.getTime() + request.expiresInSeconds * 1000).toISOString();
  const made = request.hosts.map((host) => {
    const token = newEnrolmentToken();
    const record: EnrolmentTokenRecord = { id: randomUUID(), secretHash: sha256Hex(token), host, createdBy: request.createdBy, createdAt: now.toISOString(), expiresAt, usedAt: null, agentId: null };
    return { token, record };
  });
  await repo.createTokens(made.map((m) => m.record));
  return made;
}

function newAgent(token: EnrolmentTokenRecord, request: EnrolRequest, credentialHash: string, now: string): AgentRecord {
  return {
    id: newAgentId(),
    hostname: token.host ?? request.hostname,
    credentialHash,
    tokenId: token.id,
    enrolledAt: now,
    version: request.agentVersion ?? null,
    os: request.os ?? null,
    inventory: null,
    isolation: null,
    lastSeenAt: null,
    connectedNode: null,
    connectedAt: null,
    lastSeq: 0,
    hostSyncedAt: null,
    lastRejection: null,
    revokedAt: null,
  };
}

/** Trades a token for an identity, or fails with `unauthenticated` (unknown, used and expired look the same). */
export async function redeemEnrolment(repo: AgentRepo, key: SigningKey, request: EnrolRequest, now: Date, heartbeatSeconds: number): Promise<EnrolResponse> {
  const credential = newAgentCredential();
  const at = now.toISOString();
  const agent = await repo.redeemToken(sha256Hex(request.token), at, (token) => newAgent(token, request, sha256Hex(credential), at));
  if (!agent) throw invalidToken();
  return enrolResponse(agent, credential, key, heartbeatSeconds);
}

function invalidToken(): UserError {
  return new UserError('unauthenticated', 'the enrolment token is not valid: unknown, already used or expired', [], {
    hint: 'ask an admin for a new one: firebreak agent token create --host HOSTNAME',
  });
}

function enrolResponse(agent: AgentRecord, credential: string, key: SigningKey, heartbeatSeconds: number): EnrolResponse {
  return { agentId: agent.id, credential, hostname: agent.hostname, serverPublicKey: key.publicKeyPem, serverKeyFingerprint: key.fingerprint, connectPath: CONNECT_PATH, heartbeatSeconds };
}

/** `redeemEnrolment` for many agents in one transaction; each result is the identity or why its token failed. */
export async function redeemEnrolments(
  repo: AgentRepo,
  key: SigningKey,
  requests: readonly EnrolRequest[],
  now: Date,
  heartbeatSeconds: number,
): Promise<({ ok: true; enrolment: EnrolResponse } | { ok: false; error: { code: string; message: string; hint?: string } })[]> {
  const at = now.toISOString();
  const credentials = requests.map(() => newAgentCredential());
  const agents = await repo.redeemTokens(
    requests.map((request, i) => ({ secretHash: sha256Hex(request.token), makeAgent: (token: EnrolmentTokenRecord) => newAgent(token, request, sha256Hex(credentials[i] ?? ''), at) })),
    at,
  );
  return agents.map((agent, i) => {
    if (!agent) {
      const error = invalidToken();
      return { ok: false as const, error: { code: error.code, message: error.message, hint: String(error.details['hint']) } };
    }
    return { ok: true as const, enrolment: enrolResponse(agent, credentials[i] ?? '', key, heartbeatSeconds) };
  });
}

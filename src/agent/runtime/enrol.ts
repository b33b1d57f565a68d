/**
 * Enrolment: trade a one-time token for this agent's identity and pin the server's signing key. The state
 * file is written (mode 0600) before anything else runs, so the credential is never only in memory.
 */
import os from 'node:os';
import { enrolResponseSchema, type EnrolResponse } from '../protocol/messages.js';
import { keyFingerprint, publicKeyFromPem } from '../protocol/signing.js';
import { AGENT_VERSION } from '../version.js';
import { osDescription } from './inventory.js';
import type { AgentState, StateFile } from './state-file.js';

export interface EnrolOptions {
  serverUrl: string;
  token: string;
  hostname?: string;
  now?: () => Date;
  fetch?: typeof fetch;
}

export class EnrolmentError extends Error {
  override readonly name = 'EnrolmentError';
}

async function exchange(options: EnrolOptions): Promise<EnrolResponse> {
  const url = `${options.serverUrl.replace(/\/+$/, '')}/api/agents/enrol`;
  const body = { token: options.token, hostname: options.hostname ?? os.hostname(), os: (await osDescription()).slice(0, 200), agentVersion: AGENT_VERSION };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new EnrolmentError(`cannot reach ${url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
    throw new EnrolmentError(`enrolment refused (${response.status}): ${message}. HINT: ask an admin for a new token (firebreak agent token create)`);
  }
  return enrolResponseSchema.parse(json);
}

/** Enrols and saves the new state; returns it. */
export async function enrol(file: StateFile, options: EnrolOptions): Promise<AgentState> {
  const answer = await exchange(options);
  const key = publicKeyFromPem(answer.serverPublicKey);
  if (keyFingerprint(key) !== answer.serverKeyFingerprint) throw new EnrolmentError('the server key does not match its fingerprint; refusing to pin it');
  const state: AgentState = {
    version: 1,
    agentId: answer.agentId,
    credential: answer.credential,
    hostname: answer.hostname,
    serverUrl: options.serverUrl.replace(/\/+$/, ''),
    serverPublicKey: answer.serverPublicKey,
    serverKeyFingerprint: answer.serverKeyFingerprint,
    enrolledAt: (options.now ?? (() => new Date()))().toISOString(),
    replay: { lastSeq: 0, seenIds: [] },
    isolation: null,
  };
  await file.save(state);
  return state;
}

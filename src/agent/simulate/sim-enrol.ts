/**
 * Enrolment for a simulated fleet, over the real HTTP API: one-time tokens (made in batches of 1,000 with an
 * admin token, or given), redeemed in batches (`POST /api/agents/enrol/batch`, each enrolment authenticated by
 * its own token). The server key is pinned only if it matches its fingerprint, as the real agent does.
 */
import { keyFingerprint, publicKeyFromPem } from '../protocol/signing.js';
import { AGENT_VERSION } from '../version.js';
import type { AgentIdentity } from './sim-agent.js';

const BATCH = 1000;
const ENROL_BATCH = 500;

export class FleetEnrolmentError extends Error {
  override readonly name = 'FleetEnrolmentError';
}

interface EnrolAnswer {
  agentId: string;
  credential: string;
  hostname: string;
  serverPublicKey: string;
  serverKeyFingerprint: string;
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
    throw new FleetEnrolmentError(`POST ${url}: ${response.status} ${message}`);
  }
  return json as T;
}

/** One token per host, made with an admin (or `agents:enrol`) token. */
export async function fleetTokens(server: string, adminToken: string, hosts: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (let i = 0; i < hosts.length; i += BATCH) {
    const part = hosts.slice(i, i + BATCH);
    const made = await post<{ items: { host: string | null; token: string }[] }>(`${server}/api/agents/enrolment-tokens/batch`, { hosts: part, expires: '1h' }, adminToken);
    for (const item of made.items) if (item.host) tokens.set(item.host, item.token);
  }
  return tokens;
}

/** Keys already checked against their fingerprint (a fleet pins the same server key thousands of times). */
const checked = new Set<string>();

function pinned(answer: EnrolAnswer): AgentIdentity {
  const pair = `${answer.serverKeyFingerprint}\n${answer.serverPublicKey}`;
  if (!checked.has(pair)) {
    if (keyFingerprint(publicKeyFromPem(answer.serverPublicKey)) !== answer.serverKeyFingerprint) {
      throw new FleetEnrolmentError('the server key does not match its fingerprint; refusing to pin it');
    }
    checked.add(pair);
  }
  return { agentId: answer.agentId, credential: answer.credential, hostname: answer.hostname, serverPublicKey: answer.serverPublicKey, serverKeyFingerprint: answer.serverKeyFingerprint };
}

/** Redeems the tokens; every host must enrol (a refused token is an error naming the host). */
export async function enrolFleet(server: string, tokens: ReadonlyMap<string, string>): Promise<AgentIdentity[]> {
  const entries = [...tokens];
  const out: AgentIdentity[] = [];
  for (let i = 0; i < entries.length; i += ENROL_BATCH) {
    const part = entries.slice(i, i + ENROL_BATCH);
    const enrolments = part.map(([hostname, token]) => ({ token, hostname, os: 'Simulated Linux (firebreak fleet)', agentVersion: AGENT_VERSION }));
    const { results } = await post<{ results: ({ ok: true; enrolment: EnrolAnswer } | { ok: false; error: { message: string } })[] }>(`${server}/api/agents/enrol/batch`, { enrolments });
    results.forEach((result, j) => {
      if (!result.ok) throw new FleetEnrolmentError(`host ${part[j]?.[0] ?? '?'}: ${result.error.message}`);
      out.push(pinned(result.enrolment));
    });
  }
  return out;
}

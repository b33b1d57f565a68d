/** Agent ids, enrolment tokens and agent credentials: random, and stored only as sha256. */
import { createHash, randomBytes } from 'node:crypto';

/** `agt-` + 16 hex digits: safe as a URL segment and as a bus subject token. */
export function newAgentId(): string {
  return `agt-${randomBytes(8).toString('hex')}`;
}

/** A one-time enrolment token: `fbe_` + 256 random bits. */
export function newEnrolmentToken(): string {
  return `fbe_${randomBytes(32).toString('base64url')}`;
}

/** An agent's long-lived credential: `fba_` + 256 random bits. */
export function newAgentCredential(): string {
  return `fba_${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
